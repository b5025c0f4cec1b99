import type { Context } from 'hono'
import { AppError } from './errors'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// A record id from the path. Anything that is not a UUID cannot name a record, so it is a 404
// (not a database error about invalid input syntax).
export function idParam(c: Context, name: string): string {
  const value = c.req.param(name)
  if (!value || !UUID.test(value)) throw new AppError('NOT_FOUND')
  return value
}
