import { createDb } from '../../db/client'
import { markJobSucceeded, recordJobFailure } from '../../db/queries/job-failures'
import { failedJob } from '../../domain/jobs/failures'
import type { JobMessage } from '../../domain/jobs/messages'
import type { Env } from '../../env'
import { logger } from '../../lib/log'

// The consumer's bookkeeping for the Jobs page. It never decides a message's fate: when the
// database cannot take the record (often the very outage that failed the job), that is logged
// and the message is retried or acked all the same.

export async function noteFailure(env: Env, msg: JobMessage, attempts: number, err: unknown): Promise<void> {
  try {
    await recordJobFailure(createDb(env), failedJob(msg), attempts, err instanceof Error ? err.message : String(err))
  } catch (recordErr) {
    logger.error('job.failure_not_recorded', { type: msg.type, key: msg.key, error: String(recordErr) })
  }
}

// A job that succeeds after failing leaves the page's "being retried" count.
export async function noteRecovery(env: Env, msg: JobMessage): Promise<void> {
  try {
    await markJobSucceeded(createDb(env), msg)
  } catch (recordErr) {
    logger.error('job.recovery_not_recorded', { type: msg.type, key: msg.key, error: String(recordErr) })
  }
}
