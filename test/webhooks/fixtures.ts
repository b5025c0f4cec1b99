import { webhookAttempts, webhookDeliveries } from '../../src/db/schema'
import { testDb } from '../helpers/app'

// Deliveries and their attempts written straight into the log, as the delivery job would leave
// them: a success on the second try, and a failure still retrying.
export async function seedDeliveries(tenantId: string, endpointId: string) {
  const db = testDb()
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000)
  const ok = crypto.randomUUID()
  const failing = crypto.randomUUID()
  await db.insert(webhookDeliveries).values([
    { tenantId, id: ok, endpointId, eventType: 'lead.created', payload: { type: 'lead.created' }, status: 'succeeded', attempts: 2, lastStatusCode: 200, createdAt: at(30), completedAt: at(29) },
    { tenantId, id: failing, endpointId, eventType: 'opportunity.won', payload: { type: 'opportunity.won' }, status: 'retrying', attempts: 1, lastStatusCode: 503, nextAttemptAt: at(-5), createdAt: at(10) },
  ])
  await db.insert(webhookAttempts).values([
    { tenantId, deliveryId: ok, attemptedAt: at(30), statusCode: 500, latencyMs: 812, responseSnippet: 'upstream exploded' },
    { tenantId, deliveryId: ok, attemptedAt: at(29), statusCode: 200, latencyMs: 41, responseSnippet: '{"ok":true}' },
    { tenantId, deliveryId: failing, attemptedAt: at(10), statusCode: 503, latencyMs: 10_000, responseSnippet: 'Service Unavailable' },
  ])
  return { ok, failing }
}
