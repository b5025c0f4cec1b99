// Trigger: the webhook dispatcher (cron "* * * * *"), a retry, a replay or "send test event". Idempotency key: "webhook:<deliveryId>:<attempt>"; the delivery row's status and next_attempt_at decide whether the attempt happens.
import { createDb, type Db } from '../../db/client'
import { abandonDelivery, claimDeliveryAttempt, disableRecipients, recordAttempt, type ClaimedDelivery } from '../../db/queries/webhook-deliveries'
import type { JobMessage } from '../../domain/jobs/messages'
import { disableReason } from '../../domain/webhooks/disable'
import { retryDelaySeconds } from '../../domain/webhooks/retry'
import { webhookHeaders } from '../../domain/webhooks/signing'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { enqueueDelivery } from '../../lib/webhooks/deliveries'
import { postWebhook } from '../../lib/webhooks/post'
import { webhookDisabledEmail } from '../../views/email/webhook-disabled'

type Msg = Extract<JobMessage, { type: 'webhook.deliver' }>

export async function runWebhookDeliver(env: Env, msg: Msg): Promise<void> {
  const db = createDb(env)
  const now = new Date()
  const delivery = await claimDeliveryAttempt(db, msg.tenantId, msg.deliveryId, now)
  if (!delivery) {
    logger.info('webhook.skipped', { tenantId: msg.tenantId, deliveryId: msg.deliveryId, key: msg.key, reason: 'not due, already sent, or gone' })
    return
  }
  if (!delivery.enabled) {
    await abandonDelivery(db, msg.tenantId, delivery.id, 'The endpoint is turned off.', now)
    return
  }
  // The body is the stored payload, serialised the same way on every attempt and replay.
  const body = JSON.stringify(delivery.payload)
  const outcome = await postWebhook(env, delivery.url, await webhookHeaders(delivery.secret, delivery.id, body, now), body)
  const attempts = delivery.attempts + 1
  const delay = outcome.ok ? null : retryDelaySeconds(attempts, Math.random())
  const reason = outcome.ok ? null : disableReason(outcome.statusCode, delivery.failingSince ?? now, now)
  const status = outcome.ok ? 'succeeded' : delay === null || reason ? 'failed' : 'retrying'
  const nextAttemptAt = status === 'retrying' && delay !== null ? new Date(now.getTime() + delay * 1000) : null
  const disable = reason ? { reason, notices: await disableNotices(env, db, msg.tenantId, delivery, reason, now) } : null
  const notices = await recordAttempt(db, msg.tenantId, delivery, { outcome, now, status, nextAttemptAt, disable })
  logger.info('webhook.attempt', { tenantId: msg.tenantId, deliveryId: delivery.id, attempts, status, statusCode: outcome.statusCode, error: outcome.error, disabled: reason })
  if (status === 'retrying' && delay !== null) await enqueueDelivery(env, msg.tenantId, delivery.id, { delaySeconds: delay, attempt: String(attempts + 1) })
  for (const n of notices) await env.JOBS.send({ type: 'send-email', key: n.key, outboxId: n.id })
}

// One email per recipient, keyed by endpoint and the moment it was switched off.
async function disableNotices(env: Env, db: Db, tenantId: string, delivery: ClaimedDelivery, reason: string, now: Date) {
  const { workspaceName, recipients } = await disableRecipients(db, tenantId, delivery.createdBy)
  const url = new URL(`/settings/webhooks/${delivery.endpointId}`, env.APP_URL).toString()
  return recipients.map((r) => ({
    idempotencyKey: `webhook-disabled:${delivery.endpointId}:${now.toISOString()}:${r.userId}`,
    to: r.email,
    ...webhookDisabledEmail({ name: r.name, workspaceName, endpointUrl: delivery.url, reason, url }),
  }))
}
