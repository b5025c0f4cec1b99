import { OpenAPIHono, z, type OpenAPIHonoOptions, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { isJson } from '../../lib/content-type'
import { toFieldErrors, unknownField, unknownKeys } from '../../lib/validation'

// Every API module builds its router with this, so invalid input becomes the same 422
// problem+json (via AppError and the app's one error renderer) everywhere.
export function apiRouter() {
  const router = new OpenAPIHono<AuthedEnv>({ defaultHook: refuseInvalid() })
  const register = router.openapi
  router.openapi = ((route: RouteConfig, handler: never, hook?: AnyHook) => {
    const json = route.request?.body?.content['application/json']
    const body = json && 'schema' in json && json.schema instanceof z.ZodType ? json.schema : undefined
    const takesNoBody = ['post', 'put', 'patch'].includes(route.method) && !route.request?.body
    return register(takesNoBody ? { ...route, middleware: [refuseBody, ...[route.middleware ?? []].flat()] } : route, handler, hook ?? refuseInvalid(body))
  }) as typeof register
  return router
}

// The hook type that fits every route, whatever its input (the type of defaultHook).
type AnyHook = NonNullable<OpenAPIHonoOptions<AuthedEnv>['defaultHook']>

function refuseInvalid(body?: z.ZodType): AnyHook {
  return (result) => {
    if (result.success) return
    // zod-validator passes the input it checked along, failed or not.
    const input = (result as { data?: unknown }).data
    // A path that names no record (/contacts/not-a-uuid) is an address with nothing at it, as
    // another workspace's id is; query and body fields are answered with what to fix.
    if (result.target === 'param') throw new AppError('NOT_FOUND', 'No such record in this workspace.')
    const errors = toFieldErrors(result.error)
    if (body && result.target === 'json') for (const key of unknownKeys(body, input)) if (!errors.some((e) => e.path === key)) errors.push(unknownField(key))
    throw new AppError('VALIDATION', 'The request has invalid fields.', errors)
  }
}

// A JSON body sent to a route that takes none would be ignored in silence, hiding the client's
// mistake; its fields are refused by name, as unknown fields are everywhere else. (Any other body
// is an upload that its handler streams: requireJson lets nothing else this far.)
const refuseBody: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  const text = isJson(c.req.header('Content-Type')) ? await c.req.text() : ''
  if (text.trim()) {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new AppError('BAD_REQUEST', 'Malformed JSON in request body')
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError('VALIDATION', 'This operation takes no body.', [{ path: '', message: 'Send no body, or {}.' }])
    const keys = Object.keys(body)
    if (keys.length) throw new AppError('VALIDATION', 'This operation takes no body.', keys.map((key) => unknownField(key)))
  }
  await next()
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    // Also sent as X-Request-Id; quote it when reporting a problem.
    requestId: z.string(),
  })
  .openapi('Problem')

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } })

// The error responses every authenticated route can give, for the OpenAPI document.
export const COMMON_ERRORS = {
  401: problem('No valid API token or session.'),
  403: problem('Your role does not allow this.'),
  415: problem('The body is not JSON.'),
  422: problem('Invalid or unknown fields.'),
} as const

export const NOT_FOUND = { 404: problem('Not found in this workspace.') } as const
