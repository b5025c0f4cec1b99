import type { FieldError } from '../lib/errors'

// drizzle 0.45 wraps a failed single statement in DrizzleQueryError with the Neon error on
// `.cause`, while db.batch rejects with the Neon error itself. This reads either shape.
type PgErrorFields = { code?: string; constraint?: string }

function pgError(err: unknown): PgErrorFields | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const fields = e as PgErrorFields
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) return fields
  }
  return null
}

// The violated unique constraint's name, or null when the error is something else.
export function uniqueViolation(err: unknown): string | null {
  const e = pgError(err)
  return e?.code === '23505' ? (e.constraint ?? '') : null
}

// Unique keys a person can run into by editing a record, as the field error to show them: two
// live leads may not share an email or a phone (capture attaches to the one that has it).
const UNIQUE_FIELD_ERRORS: Record<string, FieldError> = {
  leads_email_key: { path: 'email', message: 'Another lead has this email.' },
  leads_phone_key: { path: 'phone', message: 'Another lead has this phone number.' },
}

export function uniqueFieldError(err: unknown): FieldError | null {
  return UNIQUE_FIELD_ERRORS[uniqueViolation(err) ?? ''] ?? null
}

// The violated foreign key's name, or null when the error is something else. Composite keys
// (tenant_id, x_id) make a link to another workspace's row fail this way.
export function foreignKeyViolation(err: unknown): string | null {
  const e = pgError(err)
  return e?.code === '23503' ? (e.constraint ?? '') : null
}

// PostgreSQL's refusal of a time zone name it does not know ("invalid_parameter_value").
export function unknownTimeZone(err: unknown): boolean {
  return pgError(err)?.code === '22023'
}
