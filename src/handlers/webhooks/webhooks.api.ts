import { createRoute, z } from '@hono/zod-openapi'
import { deleteEndpoint, listEndpoints, type WebhookEndpoint } from '../../db/queries/webhook-endpoints'
import { DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/catalogue'
import { EndpointListQuery, WebhookEndpointInput, WebhookEndpointPatch } from '../../domain/webhooks/endpoint-schema'
import { AppError } from '../../lib/errors'
import { parseOrThrow } from '../../lib/validation'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, iso, listEnvelope } from '../api/records'
import { requirePermission } from '../middleware/permission'
import { NOT_FOUND_MESSAGE, addEndpoint, changeEndpoint, endpointOr404, rotateSecret, schemasFor } from './save-endpoint'

// Outbound webhook endpoints as JSON, for admins. The signing secret comes out twice only: in the
// response that creates the endpoint and in the one that rotates it.
export const webhooksApi = apiRouter()
webhooksApi.use('/webhooks', requirePermission('webhooks.manage'))
webhooksApi.use('/webhooks/*', requirePermission('webhooks.manage'))

const TAGS = ['Webhooks']

export const EndpointJson = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({ description: 'Why we switched it off (kept failing for 5 days, or answered 410); null when on, or switched off by a person.' }),
    failingSince: z.string().nullable(),
    lastDeliveryStatus: z.enum(DELIVERY_STATUSES).nullable(),
    lastDeliveryAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookEndpoint')

const WithSecret = EndpointJson.extend({ secret: z.string().openapi({ description: 'The signing secret ("whsec_" + base64). Shown only here: store it now.' }) }).openapi('WebhookEndpointWithSecret')

type EndpointLike = WebhookEndpoint & { lastDeliveryStatus?: (typeof DELIVERY_STATUSES)[number] | null; lastDeliveryAt?: Date | null }
export function endpointJson(e: EndpointLike): z.infer<typeof EndpointJson> {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: iso(e.failingSince),
    lastDeliveryStatus: e.lastDeliveryStatus ?? null,
    lastDeliveryAt: iso(e.lastDeliveryAt ?? null),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  }
}

const one = (description: string) => ({ description, content: { 'application/json': { schema: EndpointJson } } })
const withSecret = (description: string) => ({ description, content: { 'application/json': { schema: WithSecret } } })
const URL_RULES = 'url: https on the default port, to a public host name (no IP address, localhost or credentials); each delivery checks it again, DNS included.'

webhooksApi.openapi(
  createRoute({
    method: 'get',
    path: '/webhooks/event-types',
    operationId: 'listWebhookEventTypes',
    tags: TAGS,
    summary: 'The event types an endpoint can subscribe to',
    description: 'An endpoint may also subscribe to a whole family as "<family>.*", e.g. "lead.*".',
    responses: { 200: { description: 'The catalogue', content: { 'application/json': { schema: z.object({ data: z.array(z.object({ type: z.string(), description: z.string() })) }) } } }, ...COMMON_ERRORS },
  }),
  (c) => c.json({ data: Object.entries(WEBHOOK_EVENT_TYPES).map(([type, description]) => ({ type, description })) }, 200),
)

webhooksApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks',
    operationId: 'createWebhookEndpoint',
    tags: TAGS,
    summary: 'Add a webhook endpoint',
    description: `${URL_RULES} The response carries the signing secret, the only time it is shown.`,
    request: { body: { required: true, content: { 'application/json': { schema: WebhookEndpointInput } } } },
    responses: { 201: withSecret('Created, with its secret'), ...COMMON_ERRORS },
  }),
  async (c) => {
    const { secret, ...created } = await addEndpoint(c, parseOrThrow(schemasFor(c).input, c.req.valid('json')))
    c.header('Cache-Control', 'no-store')
    return c.json({ ...endpointJson(created), secret }, 201)
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'get',
    path: '/webhooks',
    operationId: 'listWebhookEndpoints',
    tags: TAGS,
    summary: "The workspace's webhook endpoints, newest first",
    request: { query: EndpointListQuery },
    responses: { 200: { description: 'A page of endpoints', content: { 'application/json': { schema: listEnvelope(EndpointJson) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const page = await listEndpoints(c.var.db, c.var.tenantId, c.req.valid('query'))
    return c.json({ data: page.data.map(endpointJson), nextCursor: page.nextCursor }, 200)
  },
)

webhooksApi.openapi(
  createRoute({ method: 'get', path: '/webhooks/{id}', operationId: 'getWebhookEndpoint', tags: TAGS, summary: 'One webhook endpoint', request: { params: RecordIdParam }, responses: { 200: one('The endpoint'), ...COMMON_ERRORS, ...NOT_FOUND } }),
  async (c) => c.json(endpointJson(await endpointOr404(c, c.req.valid('param').id)), 200),
)

webhooksApi.openapi(
  createRoute({
    method: 'patch',
    path: '/webhooks/{id}',
    operationId: 'updateWebhookEndpoint',
    tags: TAGS,
    summary: 'Change some settings of a webhook endpoint',
    description: `eventTypes, when given, replace the list. enabled: true turns an endpoint we switched off back on. ${URL_RULES}`,
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: WebhookEndpointPatch } } } },
    responses: { 200: one('The changed endpoint'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await endpointOr404(c, id)
    const patch = parseOrThrow(schemasFor(c).patch, c.req.valid('json'))
    await changeEndpoint(c, id, patch)
    return c.json(endpointJson(await endpointOr404(c, id)), 200)
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'delete',
    path: '/webhooks/{id}',
    operationId: 'deleteWebhookEndpoint',
    tags: TAGS,
    summary: 'Delete a webhook endpoint and its delivery log',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    if (!(await deleteEndpoint(c.var.db, c.var.tenantId, c.req.valid('param').id))) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    return c.body(null, 204)
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    tags: TAGS,
    summary: "Replace an endpoint's signing secret",
    description: 'The old secret stops signing at once: deliveries from now on, retries included, use the new one.',
    request: { params: RecordIdParam },
    responses: { 200: withSecret('The endpoint with its new secret'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const secret = await rotateSecret(c, id)
    c.header('Cache-Control', 'no-store')
    return c.json({ ...endpointJson(await endpointOr404(c, id)), secret }, 200)
  },
)
