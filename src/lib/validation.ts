import type * as z from 'zod'
import { AppError, type FieldError } from './errors'

// zod issues as the field errors our forms and problem+json share. An unknown key is reported
// on the key itself, so mass assignment fails naming the field.
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: `${key} is not a field you can set.` }))
    }
    return [{ path: issue.path.join('.'), message: issue.message }]
  })
}

// Parses or throws a 422 AppError carrying the field errors.
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new AppError('VALIDATION', 'Some fields need attention.', toFieldErrors(result.error))
  return result.data
}
