import type { Db } from '../../db/client'
import { requeueFailedEmail } from '../../db/queries/email-log'
import { markEmailFailed } from '../../db/queries/outbox'
import type { Env } from '../../env'
import { AppError } from '../errors'

// The Email log's Retry, for the page and the API alike: a failed email of this workspace goes
// back to queued and gets a fresh send-email job. Another workspace's id is a 404; an email that
// is not failed (already re-queued by a double click, or sent) is a 409.
export async function retryFailedEmail(env: Pick<Env, 'JOBS'>, db: Db, tenantId: string, id: string): Promise<void> {
  const row = await requeueFailedEmail(db, tenantId, id)
  if (row === 'not_found') throw new AppError('NOT_FOUND', 'There is no such email in this workspace.')
  if (row === 'not_failed') throw new AppError('CONFLICT', 'Only a failed email can be retried; this one is queued or sent.')
  try {
    await env.JOBS.send({ type: 'send-email', key: row.idempotencyKey, outboxId: row.id })
  } catch (err) {
    // Without a job a queued row would wait forever and offer no Retry; put it back to failed.
    await markEmailFailed(db, row.id, `could not queue the retry: ${err instanceof Error ? err.message : String(err)}`)
    throw err
  }
}
