// Neon's SQL-over-HTTP protocol as a web-standard handler, so one implementation serves both the
// node:http server and in-process use through neonConfig.fetchFunction.
//
// What @neondatabase/serverless 1.x sends: POST, JSON `{query, params}` or `{queries: [...]}` (a
// transaction/batch), params already text or null, and always `Neon-Raw-Text-Output: true` +
// `Neon-Array-Mode: true`. So we always answer raw-text rows as arrays; the client maps them to
// objects and parses values by type OID itself. `Neon-Connection-String` is ignored: one endpoint
// serves one database. Errors: 400 + PostgreSQL's error fields (the client copies them onto its
// NeonDbError); anything else non-2xx becomes an opaque "Server error (HTTP status N)" there.
import {
  DB_ERROR_FIELDS,
  type Backend,
  type BatchOptions,
  type DbErrorField,
  type NeonErrorBody,
  type SqlQuery,
} from './types.ts'

type Handler = (req: Request) => Promise<Response>
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

export function createNeonHandler(backend: Backend): Handler {
  return async (req) => {
    if (req.method !== 'POST') {
      return Response.json({ message: 'Only POST is supported' }, { status: 405, headers: { Allow: 'POST' } })
    }
    let body: unknown
    try {
      body = JSON.parse(await req.text())
    } catch {
      return badRequest('Request body is not valid JSON')
    }
    const request = parseRequest(body)
    if (!request.ok) return badRequest(request.message)
    try {
      if (Array.isArray(request.value)) {
        const opts = parseBatchOptions(req.headers)
        if (!opts.ok) return badRequest(opts.message)
        return Response.json({ results: await backend.batch(request.value, opts.value) })
      }
      return Response.json(await backend.query(request.value))
    } catch (error) {
      const dbError = toNeonErrorBody(error)
      if (dbError) return Response.json(dbError, { status: 400 })
      // Not PostgreSQL's complaint but ours (a bug, a lost connection): keep it visible locally.
      console.error('neon-local: unexpected error', error)
      const message = error instanceof Error ? error.message : String(error)
      return Response.json({ message }, { status: 500 })
    }
  }
}

// For neonConfig.fetchFunction: the driver's fetch goes straight to the handler, no socket.
export function createFetchFunction(backend: Backend): typeof fetch {
  const handle = createNeonHandler(backend)
  return async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))
}

// A PostgreSQL error from either driver (pg and PGlite share pg-protocol's field names) becomes
// Neon's 400 body. Only the protocol fields are copied: PGlite also hangs the query and its params on
// the error, which must not leak into responses.
export function toNeonErrorBody(error: unknown): NeonErrorBody | undefined {
  if (!isDbError(error)) return undefined
  const body: NeonErrorBody = { message: error.message }
  for (const field of DB_ERROR_FIELDS) {
    const value = error[field]
    if (typeof value === 'string') body[field] = value
  }
  return body
}

// Node's own errors carry a `code` too (ECONNRESET); only the server's errors carry a severity.
function isDbError(error: unknown): error is Error & Partial<Record<DbErrorField, unknown>> {
  return error instanceof Error && 'severity' in error && typeof error.severity === 'string' && 'code' in error
}

function badRequest(message: string): Response {
  return Response.json({ message } satisfies NeonErrorBody, { status: 400 })
}

function parseRequest(body: unknown): Parsed<SqlQuery | SqlQuery[]> {
  if (!isObject(body)) return { ok: false, message: 'Request body must be a JSON object' }
  if ('queries' in body) {
    if (!Array.isArray(body.queries)) return { ok: false, message: '"queries" must be an array' }
    const queries: SqlQuery[] = []
    for (const [i, item] of body.queries.entries()) {
      const q = parseQuery(item)
      if (!q.ok) return { ok: false, message: `queries[${i}]: ${q.message}` }
      queries.push(q.value)
    }
    return { ok: true, value: queries }
  }
  return parseQuery(body)
}

function parseQuery(item: unknown): Parsed<SqlQuery> {
  if (!isObject(item) || typeof item.query !== 'string') {
    return { ok: false, message: '"query" must be a string' }
  }
  const params = item.params ?? []
  if (!Array.isArray(params) || !params.every(isTextParam)) {
    return { ok: false, message: '"params" must be an array of strings or nulls' }
  }
  return { ok: true, value: { query: item.query, params } }
}

const ISOLATION_LEVELS = ['ReadUncommitted', 'ReadCommitted', 'RepeatableRead', 'Serializable'] as const

function parseBatchOptions(headers: Headers): Parsed<BatchOptions> {
  const opts: BatchOptions = {}
  const isolation = headers.get('Neon-Batch-Isolation-Level')
  if (isolation !== null) {
    const level = ISOLATION_LEVELS.find((l) => l === isolation)
    if (!level) return { ok: false, message: `Invalid Neon-Batch-Isolation-Level: ${isolation}` }
    opts.isolationLevel = level
  }
  for (const [header, key] of [
    ['Neon-Batch-Read-Only', 'readOnly'],
    ['Neon-Batch-Deferrable', 'deferrable'],
  ] as const) {
    const value = headers.get(header)
    if (value === null) continue
    if (value !== 'true' && value !== 'false') return { ok: false, message: `Invalid ${header}: ${value}` }
    opts[key] = value === 'true'
  }
  return { ok: true, value: opts }
}

function isTextParam(value: unknown): value is string | null {
  return value === null || typeof value === 'string'
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
