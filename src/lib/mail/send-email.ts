import type { Db } from '../../db/client'
import { enqueueEmail, type EmailDraft } from '../../db/queries/outbox'
import type { Env } from '../../env'

// The one way to send mail: write the outbox row, then ask the jobs queue to deliver it. Safe to
// call again with the same idempotency key (say, from a retried request): the row is written once,
// and the extra job finds it claimed or sent. The job is enqueued even when the row already
// existed, because a first call may have written the row and died before enqueueing.
export async function sendEmail(env: Pick<Env, 'JOBS'>, db: Db, draft: EmailDraft): Promise<string> {
  const outboxId = await enqueueEmail(db, draft)
  await env.JOBS.send({ type: 'send-email', key: draft.idempotencyKey, outboxId })
  return outboxId
}
