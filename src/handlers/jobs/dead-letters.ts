import { createDb } from '../../db/client'
import { recordDeadJob } from '../../db/queries/job-failures'
import { retryDelaySeconds } from '../../domain/jobs/backoff'
import { failedJob, JobEnvelope } from '../../domain/jobs/failures'
import type { Env } from '../../env'
import { logger } from '../../lib/log'

// The consumer of "jobs-dlq", where the queue moves a job after its last retry: it marks the
// job dead in job_failures, where the admin Jobs page lists it with its payload and last error.
// A message is acked once recorded; a failed write is retried, since acking would lose the job.
// Jobs without a workspace (heartbeat, cleanup) are recorded too but shown on no workspace's
// page: operators see them in the logs (job.dead).
export async function handleDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env)
  for (const message of batch.messages) {
    const envelope = JobEnvelope.safeParse(message.body)
    if (!envelope.success) {
      // Nothing to key it by, so nothing the page could show or retry; the log keeps the body.
      logger.error('job.dead_malformed', { id: message.id, body: message.body })
      message.ack()
      continue
    }
    const job = failedJob(envelope.data)
    logger.error('job.dead', { type: job.type, key: job.key, tenantId: job.tenantId })
    try {
      await recordDeadJob(db, job)
      message.ack()
    } catch (err) {
      logger.error('job.dead_not_recorded', { type: job.type, key: job.key, attempts: message.attempts, error: String(err) })
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) })
    }
  }
}
