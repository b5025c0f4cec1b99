import type { Context } from 'hono'
import { deliveryOfEndpoint } from '../../db/queries/webhook-deliveries-list'
import { createEndpoint, getEndpoint, rotateEndpointSecret, updateEndpoint } from '../../db/queries/webhook-endpoints'
import { endpointSchemas, parseAllowHosts } from '../../domain/webhooks/endpoint-schema'
import { generateSecret } from '../../domain/webhooks/signing'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { createTestDelivery, replayDelivery } from '../../lib/webhooks/deliveries'

// What the settings pages and the API share: this deployment's URL rules, and the writes that
// make or replace a secret (returned to the caller once, never stored anywhere else).

export const NOT_FOUND_MESSAGE = 'No such webhook endpoint in this workspace.'

export const schemasFor = (c: Context<AuthedEnv>) => endpointSchemas(parseAllowHosts(c.env.WEBHOOK_ALLOW_HOSTS))

export async function endpointOr404(c: Context<AuthedEnv>, id: string) {
  const endpoint = await getEndpoint(c.var.db, c.var.tenantId, id)
  if (!endpoint) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return endpoint
}

export async function addEndpoint(c: Context<AuthedEnv>, input: Parameters<typeof createEndpoint>[3]) {
  return createEndpoint(c.var.db, c.var.tenantId, c.var.userId, input, generateSecret())
}

export async function changeEndpoint(c: Context<AuthedEnv>, id: string, patch: Parameters<typeof updateEndpoint>[3]) {
  const saved = await updateEndpoint(c.var.db, c.var.tenantId, id, patch)
  if (!saved) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return saved
}

export async function rotateSecret(c: Context<AuthedEnv>, id: string): Promise<string> {
  const secret = generateSecret()
  if (!(await rotateEndpointSecret(c.var.db, c.var.tenantId, id, secret))) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return secret
}

// "Send test event": a delivery of webhook.test to this endpoint, queued now (enabled or not).
export async function sendTestEvent(c: Context<AuthedEnv>, endpointId: string): Promise<string> {
  return createTestDelivery(c.env, c.var.db, c.var.tenantId, endpointId)
}

// A replay names the endpoint and the delivery: both must be this workspace's, and match.
export async function replay(c: Context<AuthedEnv>, endpointId: string, deliveryId: string): Promise<void> {
  if (!(await deliveryOfEndpoint(c.var.db, c.var.tenantId, endpointId, deliveryId))) throw new AppError('NOT_FOUND', 'No such delivery for this endpoint.')
  await replayDelivery(c.env, c.var.db, c.var.tenantId, deliveryId)
}
