import type * as z from 'zod'
import { AppError, type FieldError } from './errors'

// zod issues as the field errors our forms and problem+json share. An unknown key is reported
// on the key itself, so mass assignment fails naming the field.
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => unknownField([...issue.path, key].join('.'), key))
    return [{ path: issue.path.join('.'), message: issue.message }]
  })
}

export const unknownField = (path: string, key = path): FieldError => ({ path, message: `${key} is not a field you can set.` })

type Def = { type: string; shape?: Record<string, unknown>; catchall?: Schema; options?: Schema[]; left?: Schema; right?: Schema; in?: Schema; innerType?: Schema }
type Schema = { _zod: { def: Def } }

// The top-level keys a strict schema accepts, or null when it takes any (a record, a loose
// object). A union accepts what any of its options does.
function fieldNames(schema: Schema): Set<string> | null {
  const def = schema._zod.def
  const all = (parts: (Schema | undefined)[]) => {
    const sets = parts.map((p) => (p ? fieldNames(p) : null))
    return sets.every((s) => s) ? new Set(sets.flatMap((s) => [...(s ?? [])])) : null
  }
  if (def.type === 'object') return def.catchall?._zod.def.type === 'never' ? new Set(Object.keys(def.shape ?? {})) : null
  if (def.type === 'union') return all(def.options ?? [])
  if (def.type === 'intersection') return all([def.left, def.right])
  if (def.type === 'pipe') return all([def.in])
  return def.innerType ? all([def.innerType]) : null
}

// Keys of a body that its strict schema has no field for. zod names them itself only once the
// rest of the shape fits: a union whose discriminator is wrong ("kind") reports just that.
export function unknownKeys(schema: z.ZodType, body: unknown): string[] {
  const names = body !== null && typeof body === 'object' && !Array.isArray(body) ? fieldNames(schema as unknown as Schema) : null
  return names ? Object.keys(body as object).filter((k) => !names.has(k)) : []
}

// Parses or throws a 422 AppError carrying the field errors.
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new AppError('VALIDATION', 'Some fields need attention.', toFieldErrors(result.error))
  return result.data
}
