import type * as z from 'zod'
import type { Role } from '../domain/access/roles'
import { forbiddenFields } from '../domain/records/role-schema'
import type { FieldError } from './errors'
import { toFieldErrors } from './validation'

// Turns a submitted record form (all strings) into the shape the shared zod schemas take: tags
// arrive comma-separated, and fields a role cannot see are not sent at all.
export function formToInput(form: Record<string, string>): Record<string, unknown> {
  const { tags, ...rest } = form
  const input: Record<string, unknown> = { ...rest }
  if (tags !== undefined) input.tags = tags.split(',').map((t) => t.trim()).filter(Boolean)
  return input
}

// A record as form values, for the edit form.
export function toFormValues(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined) continue
    if (k === 'tags' && Array.isArray(v)) out.tags = v.map((t: { name?: string } | string) => (typeof t === 'string' ? t : (t.name ?? ''))).join(', ')
    else if (v instanceof Date) out[k] = v.toISOString()
    else if (typeof v !== 'object') out[k] = String(v)
  }
  return out
}

// Parses a record form through the same schema as the API, plus the role's mass-assignment
// guard. With errors, the caller re-renders the form (422) with the user's values.
export function parseRecordForm<S extends z.ZodType>(schema: S, role: Role, input: Record<string, unknown>): { data?: z.output<S>; errors: FieldError[] } {
  const parsed = schema.safeParse(input)
  const errors = [...forbiddenFields(role, input), ...(parsed.success ? [] : toFieldErrors(parsed.error))]
  return errors.length || !parsed.success ? { errors } : { data: parsed.data, errors }
}
