import type { OpenAPIHono } from '@hono/zod-openapi'
import { SCOPES, missingScope } from '../../domain/access/scopes'
import { CATALOGUE, PERIODS, VIEW_ENTITIES, opsFor, type FieldDef, type FieldType, type ViewEntity } from '../../domain/views/catalogue'
import { ERROR_STATUS, ERROR_TITLES, type ErrorCode } from '../../lib/errors'
import { OPENAPI_PATH } from './openapi-document'
import { API_GUIDE, TAG_DESCRIPTIONS } from './openapi-guide'

// What every /api/v1 operation has in common, written into the generated document here once
// instead of into each of ~100 route definitions. Each addition describes what the middleware
// around every route does (src/app.ts, createApi()), so it holds for a route added tomorrow as for
// today's; whatever a route declares itself (a response, a parameter, its security) is kept. Only
// the document builder (tools/dev/openapi-document.ts) and tests import this: the worker serves
// the finished document and carries none of it.

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>
type PathItem = NonNullable<Document['paths']>[string]
type Operation = NonNullable<PathItem['get']>
type Response = NonNullable<Operation['responses']>[string]
type Parameter = NonNullable<Operation['parameters']>[number]
type ParameterObject = Exclude<Parameter, { $ref: string }>
type Header = NonNullable<NonNullable<Document['components']>['headers']>[string]

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const
const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })
const PROBLEM = ref('schemas', 'Problem')
const problemContent = (example?: object) => ({ 'application/problem+json': { schema: PROBLEM, ...(example ? { example } : {}) } })

const REQUEST_ID = '0193a1f2-7c4e-7d21-9b8a-5e6f7a8b9c0d'

// The shared error responses, with an example body as renderError (src/handlers/errors.tsx) writes it.
const SHARED: Record<string, { code: ErrorCode; description: string; detail: string; errors?: { path: string; message: string }[]; headers?: string[] }> = {
  BadRequest: { code: 'BAD_REQUEST', description: 'The body is not valid JSON, `cursor` was altered or belongs to another list, or `Idempotency-Key` is empty or too long.', detail: 'The cursor is not valid; start again from the first page.' },
  Unauthorized: { code: 'UNAUTHORIZED', description: 'No valid API token: missing, malformed, revoked or expired.', detail: 'The API token is missing, revoked or malformed.', headers: ['WWW-Authenticate'] },
  Forbidden: { code: 'FORBIDDEN', description: "Your role, or the token's scopes, do not allow this.", detail: 'This token lacks the `leads:write` scope (or `write`).' },
  NotFound: { code: 'NOT_FOUND', description: "No such record in this workspace; another workspace's ids are not found either.", detail: 'No such record in this workspace.' },
  IdempotencyConflict: { code: 'CONFLICT', description: 'A request with the same `Idempotency-Key` is still in progress; retry after `Retry-After` seconds to get its answer.', detail: 'A request with this Idempotency-Key is still in progress. Retry after it finishes to get its response.', headers: ['Retry-After'] },
  PayloadTooLarge: { code: 'PAYLOAD_TOO_LARGE', description: 'The body is larger than this operation accepts.', detail: 'Too large' },
  UnsupportedMediaType: { code: 'UNSUPPORTED_MEDIA_TYPE', description: 'The body is not sent as `Content-Type: application/json`.', detail: 'Send JSON with Content-Type: application/json.' },
  ValidationFailed: { code: 'VALIDATION', description: 'Invalid or unknown fields, each named in `errors`.', detail: 'The request has invalid fields.', errors: [{ path: 'email', message: 'Enter a valid email address.' }, { path: 'tenantId', message: 'tenantId is not a field you can set.' }] },
  TooManyRequests: { code: 'RATE_LIMITED', description: 'Over the rate limit of this token or workspace. Retry after `Retry-After` seconds.', detail: 'Rate limit of 100 requests exceeded. Retry after 7 s.', headers: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] },
  InternalError: { code: 'INTERNAL', description: 'Our fault. Quote `requestId` to support; nothing internal is exposed.', detail: `Please try again. If it keeps happening, quote this id: ${REQUEST_ID}` },
}

const HEADERS: Record<string, Header> = {
  'WWW-Authenticate': { description: 'Always `Bearer`: the scheme to authenticate with.', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
  'RateLimit-Limit': { description: 'Requests allowed in the current window.', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Remaining': { description: 'Requests left in the current window.', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Reset': { description: 'Seconds until the current window resets.', schema: { type: 'integer', minimum: 0 } },
  'Idempotent-Replayed': { description: '`true` when this is the kept answer to an earlier request with the same `Idempotency-Key`.', schema: { type: 'string', enum: ['true'] } },
}
const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']
const REPLAYED = 'Idempotent-Replayed'
const headerRefs = (names: string[]) => Object.fromEntries(names.map((h) => [h, ref('headers', h)]))

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe: the first answer to this key is replayed, marked `Idempotent-Replayed: true`, for 24 hours. The same key with other parameters gets 422; while the first request is still running, 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
  example: '5f0c7a52-3d8e-4c61-9a0e-2b7f1d9c4e38',
}

const PARAMETER_DESCRIPTIONS: Record<string, string> = {
  cursor: 'The `nextCursor` of the previous page, with the same filters. Opaque and signed: an altered cursor gets 400.',
  limit: 'Rows per page.',
  sort: 'The field to order by.',
  dir: 'Ascending or descending order.',
}

const VALUES: Record<FieldType, string> = { text: 'text', enum: 'one of its values', date: '`YYYY-MM-DD`', number: 'a number', owner: "a member's id, or `me`", ref: 'an id', tag: "a tag's id", boolean: '`true` or `false`' }

// The filter language of record lists (src/domain/views/filter.ts), with this list's fields.
function filterDescription(entity: ViewEntity | undefined): string {
  const intro = [
    'A filter document as JSON: conditions `{ "field", "op", "value" }` combined with `{ "and": [...] }`, `{ "or": [...] }` and `{ "not": {...} }`.',
    `\`in\` takes a list of values, \`withinLastDays\` a number of days, \`inPeriod\` one of ${PERIODS.map((p) => `\`${p}\``).join(', ')}; \`empty\` and \`notEmpty\` take none.`,
  ].join(' ')
  if (!entity) return intro
  const value = (f: FieldDef) => (f.values ? f.values.map((v) => `\`${v}\``).join(', ') : VALUES[f.type])
  const fields = Object.entries(CATALOGUE[entity]).map(([name, f]) => `| \`${name}\` | ${value(f)} | ${opsFor(f).join(', ')} |`)
  return [intro, '', '| field | value | operators |', '| --- | --- | --- |', ...fields].join('\n')
}

function filterExample(entity: ViewEntity): string {
  const fields = Object.entries(CATALOGUE[entity])
  const choice = fields.find(([, f]) => f.values)
  const conditions = [choice ? { field: choice[0], op: 'equals', value: choice[1].values?.[0] } : null, { field: 'createdAt', op: 'withinLastDays', value: 30 }].filter(Boolean)
  return JSON.stringify({ and: conditions })
}

const isRef = (x: object): x is { $ref: string } => '$ref' in x
const entityOf = (path: string) => VIEW_ENTITIES.find((e) => path === `/${e}`)

// The keys of a list's rows: the properties of the item schema of its 200 answer's `data`.
function rowKeys(op: Operation, doc: Document): string[] {
  const ok = op.responses?.['200']
  const envelope = ok && !isRef(ok) ? ok.content?.['application/json']?.schema : undefined
  const data = envelope && !isRef(envelope) ? envelope.properties?.data : undefined
  const item = data && !isRef(data) && 'items' in data ? data.items : undefined
  const schema = item && isRef(item) ? doc.components?.schemas?.[item.$ref.split('/').pop() ?? ''] : item
  return schema && !isRef(schema) ? Object.keys(schema.properties ?? {}) : []
}

function fieldsDescription(keys: string[]): string {
  const intro = 'Comma-separated keys that each row comes with, and no others. An unknown key gets 422 naming it.'
  return keys.length ? `${intro} Keys: ${keys.map((k) => `\`${k}\``).join(', ')}.` : `${intro} Keys: those of the rows of the view's list (as \`GET /<list>\` returns them).`
}

function describeParameters(op: Operation, path: string, doc: Document): void {
  for (const p of op.parameters ?? []) {
    if (isRef(p) || p.in !== 'query' || p.description) continue
    if (p.name === 'filter') {
      const entity = entityOf(path)
      p.description = filterDescription(entity)
      if (entity) p.example = filterExample(entity)
    } else if (p.name === 'fields') {
      const keys = rowKeys(op, doc)
      p.description = fieldsDescription(keys)
      p.example = keys.length ? keys.slice(0, 2).join(',') : 'id,createdAt'
    } else if (PARAMETER_DESCRIPTIONS[p.name]) p.description = PARAMETER_DESCRIPTIONS[p.name]
  }
}

// The { data, nextCursor } envelope of a list, said once for all of them.
function describeEnvelope(response: Response): void {
  if (isRef(response)) return
  const schema = response.content?.['application/json']?.schema
  if (!schema || isRef(schema)) return
  const next = schema.properties?.nextCursor
  if (next && !isRef(next) && !next.description) next.description = 'Send back as `cursor` for the next page; null on the last page.'
}

// Adds the shared responses that apply and the route did not declare; returns their names.
function addSharedResponses(op: Operation, method: string, authenticated: boolean): string[] {
  const responses = (op.responses ??= {})
  const params = (op.parameters ?? []).filter((p): p is ParameterObject => !isRef(p))
  const has = (where: string, name?: string) => params.some((p) => p.in === where && (name === undefined || p.name === name))
  // Every write reads a JSON body, if only to refuse one it does not take (apiRouter).
  const writes = ['post', 'put', 'patch'].includes(method)
  const wanted: [boolean, string][] = [
    [writes || has('query', 'cursor'), 'BadRequest'],
    [authenticated, 'Unauthorized'],
    [authenticated, 'Forbidden'],
    [has('path'), 'NotFound'],
    [method === 'post', 'IdempotencyConflict'],
    [writes, 'PayloadTooLarge'],
    [writes, 'UnsupportedMediaType'],
    // A path parameter that names nothing is a 404, not a 422 (apiRouter).
    [writes || has('query'), 'ValidationFailed'],
    [authenticated, 'TooManyRequests'],
    [true, 'InternalError'],
  ]
  const added = wanted.filter(([applies, name]) => applies && !responses[ERROR_STATUS[SHARED[name]!.code]]).map(([, name]) => name)
  for (const name of added) responses[ERROR_STATUS[SHARED[name]!.code]] = ref('responses', name)
  for (const [status, response] of Object.entries(responses)) {
    if (isRef(response)) continue
    // Every error under /api is problem+json (renderError), whatever a route wrote about it.
    if (Number(status) >= 400 && !response.content) response.content = problemContent()
    if (authenticated && status.startsWith('2')) response.headers = { ...headerRefs(method === 'post' ? [...RATE_LIMIT_HEADERS, REPLAYED] : RATE_LIMIT_HEADERS), ...response.headers }
  }
  return added
}

// The token scopes that allow an operation, as src/domain/access/scopes.ts decides them; the
// module's own first.
function allowingScopes(method: string, path: string): string[] {
  const scopes = SCOPES.filter((scope) => !missingScope([scope], method.toUpperCase(), path))
  return [...scopes.filter((s) => s.includes(':')), ...scopes.filter((s) => !s.includes(':'))]
}

function sharedResponse(s: (typeof SHARED)[string]): Response {
  const example = { type: 'about:blank', title: ERROR_TITLES[s.code], status: ERROR_STATUS[s.code], detail: s.detail, requestId: REQUEST_ID, ...(s.errors ? { errors: s.errors } : {}) }
  return { description: s.description, ...(s.headers ? { headers: headerRefs(s.headers) } : {}), content: problemContent(example) }
}

// The document itself, served by a plain route (it has no input to validate): public, so that
// clients can be generated before anyone has a token.
function documentOperation(): Operation {
  return {
    operationId: 'getOpenApiDocument',
    tags: ['OpenAPI'],
    summary: 'This OpenAPI 3.1 document',
    description: 'Public: no token needed. Generate a typed client from it, or read it at `/api/docs`.',
    security: [],
    responses: { 200: { description: 'The document', content: { 'application/json': { schema: { type: 'object' } } } } },
  }
}

export function withApiConventions(generated: Document): Document {
  const doc = structuredClone(generated)
  const base = doc.servers?.[0]?.url ?? ''
  const self = OPENAPI_PATH.slice(base.length)
  doc.info = { ...doc.info, description: API_GUIDE }
  doc.paths = { [self]: { get: documentOperation() }, ...doc.paths }
  const components = (doc.components ??= {})
  components.parameters = { IdempotencyKey: IDEMPOTENCY_KEY, ...components.parameters }
  const bearer = components.securitySchemes?.bearerAuth
  if (bearer && !isRef(bearer)) bearer.description ??= 'A personal API token (Settings → API tokens), as `Authorization: Bearer <token>`.'

  const tags: string[] = []
  const used = new Set<string>()
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const authenticated = path !== self
      if (authenticated) {
        // Any one of the scopes that allow it; said in words too, as reference UIs do not show a
        // bearer token's scopes.
        const scopes = allowingScopes(method, base + path)
        const any = scopes.length === SCOPES.length
        op.security ??= any ? [{ bearerAuth: [] }] : scopes.map((scope) => ({ bearerAuth: [scope] }))
        if (!any) op.description = [op.description, `Token scopes that allow it: ${scopes.map((scope) => `\`${scope}\``).join(', ')}.`].filter(Boolean).join('\n\n')
      }
      if (method === 'post' && !op.parameters?.some((p) => !isRef(p) && p.in === 'header' && p.name === IDEMPOTENCY_KEY.name)) op.parameters = [...(op.parameters ?? []), ref('parameters', 'IdempotencyKey')]
      describeParameters(op, path, doc)
      for (const name of addSharedResponses(op, method, authenticated)) used.add(name)
      for (const [status, response] of Object.entries(op.responses ?? {})) if (status.startsWith('2')) describeEnvelope(response)
      for (const tag of op.tags ?? []) if (!tags.includes(tag)) tags.push(tag)
    }
  }
  // Only the shared responses and headers in use: the linter rightly flags unused components.
  const shared = Object.entries(SHARED).filter(([name]) => used.has(name))
  components.responses = { ...Object.fromEntries(shared.map(([name, s]) => [name, sharedResponse(s)])), ...components.responses }
  const headers = new Set([...RATE_LIMIT_HEADERS, REPLAYED, ...shared.flatMap(([, s]) => s.headers ?? [])])
  components.headers = { ...Object.fromEntries(Object.entries(HEADERS).filter(([name]) => headers.has(name))), ...components.headers }
  doc.tags = tags.map((name) => (TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name }))
  return doc
}
