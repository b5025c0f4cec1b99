import type { Context } from 'hono'
import { AppError } from '../errors'

// PostgreSQL refuses NUL in text and jsonb, and lone surrogates in jsonb; a bot may post either.
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
const storable = (s: string) => s.replace(UNSTORABLE, (ch) => (ch === '\0' ? '' : '\ufffd'))

// A public form post as plain strings, from any of the bodies an embed may send: a plain HTML
// form (urlencoded or multipart), or a script (JSON). Repeated names keep the last value; files
// and nested JSON are not form fields.
export async function readSubmission(c: Context): Promise<Record<string, string>> {
  const type = (c.req.header('Content-Type') ?? '').toLowerCase()
  // A Map, since a posted name may be "__proto__".
  const fields = new Map<string, string>()
  const put = (key: string, value: unknown) => {
    if (value === null || value === undefined) return
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new AppError('BAD_REQUEST', `${storable(key)} must be text.`)
    fields.set(storable(key), storable(String(value)))
  }
  if (/^application\/json\s*(;|$)/.test(type)) {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      throw new AppError('BAD_REQUEST', 'The body is not valid JSON.')
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('BAD_REQUEST', 'Send the fields as one JSON object.')
    for (const [key, value] of Object.entries(body)) put(key, value)
  } else if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    let body: Record<string, unknown>
    try {
      body = await c.req.parseBody()
    } catch {
      throw new AppError('BAD_REQUEST', 'The form body could not be read.')
    }
    for (const [key, value] of Object.entries(body)) put(key, value)
  } else {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded, multipart/form-data or JSON.')
  }
  return Object.fromEntries(fields)
}
