import { createDb } from '../../db/client'
import { claimDueReminders } from '../../db/queries/reminders'
import type { JobMessage } from '../../domain/jobs/messages'
import { inBatchesOf } from '../../domain/jobs/batches'
import { REMINDER_CLAIM_BATCH, REMINDER_LEASE_MS, reminderMessage } from '../../domain/jobs/reminders'
import type { Env } from '../../env'
import { logger } from '../../lib/log'

// Cron only fans out: it finds due work and enqueues it; consumers do the work. The cron strings
// here must match [triggers] crons in wrangler.toml.
export const CRONS = {
  heartbeat: '*/5 * * * *',
  cleanup: '17 * * * *',
  // Every minute, so a reminder goes out at most about a minute late.
  reminders: '* * * * *',
} as const

// Queues take at most 100 messages per sendBatch.
const SEND_BATCH = 100

export async function handleScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Env): Promise<void> {
  const scheduledAt = new Date(controller.scheduledTime).toISOString()
  switch (controller.cron) {
    case CRONS.heartbeat:
      return enqueue(env, controller.cron, [{ type: 'heartbeat', key: `heartbeat:${scheduledAt}`, scheduledAt }])
    case CRONS.cleanup:
      return enqueue(env, controller.cron, [{ type: 'cleanup', key: `cleanup:${scheduledAt}`, scheduledAt }])
    case CRONS.reminders:
      return enqueueDueReminders(env)
    default:
      logger.warn('cron.unknown', { cron: controller.cron })
  }
}

async function enqueue(env: Env, cron: string, messages: JobMessage[]): Promise<void> {
  for (const batch of inBatchesOf(messages, SEND_BATCH)) await env.JOBS.sendBatch(batch.map((body) => ({ body })))
  logger.info('cron.enqueued', { cron, count: messages.length })
}

// Claims due reminders a batch at a time until none are left, reading them from the database
// rather than from the tick's time, so a run after an outage catches up on everything missed.
// A claim whose enqueueing fails (the worker dies in between) lapses after the lease and is
// claimed again by a later run.
async function enqueueDueReminders(env: Env): Promise<void> {
  const db = createDb(env)
  for (;;) {
    const claimed = await claimDueReminders(db, REMINDER_CLAIM_BATCH, REMINDER_LEASE_MS)
    if (claimed.length) await enqueue(env, CRONS.reminders, claimed.map(reminderMessage))
    if (claimed.length < REMINDER_CLAIM_BATCH) return
  }
}
