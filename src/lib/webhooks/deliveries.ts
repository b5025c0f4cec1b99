import type { Db } from '../../db/client'
import { insertTestDelivery, reopenDelivery } from '../../db/queries/webhook-deliveries'
import { claimOutboxEvents, claimStrandedDeliveries, writeDeliveries, type NewDelivery, type OutboxEvent } from '../../db/queries/webhook-dispatch'
import { inBatchesOf } from '../../domain/jobs/batches'
import type { JobMessage } from '../../domain/jobs/messages'
import { isSubscribed, webhookPayload, webhookTypesFor } from '../../domain/webhooks/events'
import type { Env } from '../../env'
import { AppError } from '../errors'
import { newId } from '../ids'

// The webhook engine's entry points: the dispatcher (outbox → deliveries → queue), "send test
// event" and replay. Each delivery is then sent by the webhook.deliver job.

// Outbox rows per claim, and how long a claim holds before a later run takes the rows over.
const DISPATCH_BATCH = 500
const DISPATCH_LEASE_MS = 5 * 60_000
// A due delivery whose message has not run for this long is re-enqueued by the dispatcher.
const STRANDED_AFTER_MS = 10 * 60_000
// Queues take at most 100 messages per sendBatch.
const SEND_BATCH = 100

type Jobs = Pick<Env, 'JOBS'>

const deliverMessage = (tenantId: string, deliveryId: string, attempt: string): JobMessage => ({ type: 'webhook.deliver', key: `webhook:${deliveryId}:${attempt}`, tenantId, deliveryId })

export async function enqueueDelivery(env: Jobs, tenantId: string, deliveryId: string, opts: { delaySeconds?: number; attempt?: string } = {}): Promise<void> {
  await env.JOBS.send(deliverMessage(tenantId, deliveryId, opts.attempt ?? 'now'), opts.delaySeconds ? { delaySeconds: opts.delaySeconds } : undefined)
}

async function enqueueAll(env: Jobs, rows: { tenantId: string; id: string }[]): Promise<void> {
  for (const batch of inBatchesOf(rows, SEND_BATCH)) await env.JOBS.sendBatch(batch.map((r) => ({ body: deliverMessage(r.tenantId, r.id, 'first') })))
}

// One delivery per (event, webhook type, subscribed endpoint of the event's workspace).
export function fanOut(events: OutboxEvent[]): NewDelivery[] {
  return events.flatMap((event) =>
    webhookTypesFor(event).flatMap((type) =>
      event.endpoints
        .filter((e) => isSubscribed(e.eventTypes, type))
        .map((e) => ({ tenantId: event.tenantId, id: newId(), endpointId: e.id, eventType: type, eventId: event.id, payload: webhookPayload(type, event), nextAttemptAt: new Date() })),
    ),
  )
}

// Turns every waiting outbox row into deliveries and enqueues them, a batch at a time until none
// are left (for every workspace: the outbox is one shared queue); then re-enqueues deliveries
// whose message was lost. Returns how many deliveries were enqueued.
export async function dispatchNow(env: Pick<Env, 'JOBS'>, db: Db): Promise<number> {
  let count = 0
  for (;;) {
    const { keys, events } = await claimOutboxEvents(db, DISPATCH_BATCH, DISPATCH_LEASE_MS)
    if (keys.length) {
      const written = await writeDeliveries(db, keys, fanOut(events))
      await enqueueAll(env, written)
      count += written.length
    }
    if (keys.length < DISPATCH_BATCH) break
  }
  for (;;) {
    const stranded = await claimStrandedDeliveries(db, STRANDED_AFTER_MS, DISPATCH_BATCH)
    await enqueueAll(env, stranded)
    count += stranded.length
    if (stranded.length < DISPATCH_BATCH) return count
  }
}

// "Send test event": writes the test delivery and enqueues it. 404 for another workspace's endpoint.
export async function createTestDelivery(env: Jobs, db: Db, tenantId: string, endpointId: string): Promise<string> {
  const id = await insertTestDelivery(db, tenantId, endpointId)
  if (!id) throw new AppError('NOT_FOUND')
  await enqueueDelivery(env, tenantId, id, { attempt: 'test' })
  return id
}

// Sends a delivery again, same body and webhook-id, as a new attempt. 404 for another
// workspace's delivery.
export async function replayDelivery(env: Jobs, db: Db, tenantId: string, deliveryId: string): Promise<void> {
  if (!(await reopenDelivery(db, tenantId, deliveryId))) throw new AppError('NOT_FOUND')
  await enqueueDelivery(env, tenantId, deliveryId, { attempt: `replay:${Date.now()}` })
}
