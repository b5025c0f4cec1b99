import { createRoute, z } from '@hono/zod-openapi'
import { listDeliveries, type DeliveryRow } from '../../db/queries/webhook-deliveries-list'
import { DELIVERY_STATUSES } from '../../domain/webhooks/catalogue'
import { DeliveryListQuery } from '../../domain/webhooks/endpoint-schema'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, iso, listEnvelope } from '../api/records'
import { requirePermission } from '../middleware/permission'
import { endpointOr404, replay, sendTestEvent } from './save-endpoint'

// An endpoint's delivery log as JSON, and the two ways to queue a delivery by hand: a test event
// and a replay. Both answer 202: the delivery goes out from the queue.
export const webhookDeliveriesApi = apiRouter()
webhookDeliveriesApi.use('/webhooks/*', requirePermission('webhooks.manage'))

const TAGS = ['Webhooks']

const AttemptJson = z
  .object({ id: z.string(), attemptedAt: z.string(), statusCode: z.number().int().nullable(), latencyMs: z.number().int(), responseSnippet: z.string().nullable(), error: z.string().nullable() })
  .openapi('WebhookAttempt')

const DeliveryJson = z
  .object({
    id: z.string().openapi({ description: 'Sent as webhook-id: the same on every attempt and replay.' }),
    eventType: z.string(),
    eventId: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    attemptLog: z.array(AttemptJson),
  })
  .openapi('WebhookDelivery')

const deliveryJson = (d: DeliveryRow): z.infer<typeof DeliveryJson> => ({
  ...d,
  nextAttemptAt: iso(d.nextAttemptAt),
  createdAt: d.createdAt.toISOString(),
  completedAt: iso(d.completedAt),
  attemptLog: d.attemptLog.map((a) => ({ ...a, attemptedAt: a.attemptedAt.toISOString() })),
})

const Queued = z.object({ deliveryId: z.string() }).openapi('WebhookDeliveryQueued')
const queued = (description: string) => ({ description, content: { 'application/json': { schema: Queued } } })

webhookDeliveriesApi.openapi(
  createRoute({
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    tags: TAGS,
    summary: "An endpoint's deliveries, newest first, each with its attempts",
    request: { params: RecordIdParam, query: DeliveryListQuery },
    responses: { 200: { description: 'A page of deliveries', content: { 'application/json': { schema: listEnvelope(DeliveryJson) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const [, page] = await Promise.all([endpointOr404(c, id), listDeliveries(c.var.db, c.var.tenantId, id, c.req.valid('query'))])
    return c.json({ data: page.data.map(deliveryJson), nextCursor: page.nextCursor }, 200)
  },
)

webhookDeliveriesApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/{id}/test',
    operationId: 'sendWebhookTestEvent',
    tags: TAGS,
    summary: 'Send a test event to an endpoint',
    description: 'Queues a delivery of type "webhook.test", signed like any other, and retried like any other.',
    request: { params: RecordIdParam },
    responses: { 202: queued('Queued'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => c.json({ deliveryId: await sendTestEvent(c, c.req.valid('param').id) }, 202),
)

webhookDeliveriesApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/{id}/deliveries/{deliveryId}/replay',
    operationId: 'replayWebhookDelivery',
    tags: TAGS,
    summary: 'Send a delivery again',
    description: 'The same body and webhook-id as before, so a receiver that already handled it can tell.',
    request: { params: RecordIdParam.extend({ deliveryId: z.uuid() }) },
    responses: { 202: queued('Queued'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id, deliveryId } = c.req.valid('param')
    await replay(c, id, deliveryId)
    return c.json({ deliveryId }, 202)
  },
)
