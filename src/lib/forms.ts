import type { Context } from 'hono'
import { AppError } from './errors'

// A urlencoded or multipart form as plain strings. Repeated names keep the last value; a file
// where text is expected is a client error, not something to coerce.
export async function readForm(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('Content-Type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send this form as application/x-www-form-urlencoded.')
  }
  const body = await c.req.parseBody()
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw new AppError('BAD_REQUEST', `${key} must be text.`)
    out[key] = value
  }
  return out
}
