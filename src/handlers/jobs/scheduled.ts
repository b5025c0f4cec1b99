import type { JobMessage } from '../../domain/jobs/messages'
import type { Env } from '../../env'
import { logger } from '../../lib/log'

// Cron only fans out: it finds due work and enqueues it; consumers do the work. The cron strings
// here must match [triggers] crons in wrangler.toml.
export const CRONS = {
  heartbeat: '*/5 * * * *',
  cleanup: '17 * * * *',
} as const

export async function handleScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Env): Promise<void> {
  const scheduledAt = new Date(controller.scheduledTime).toISOString()
  const messages: JobMessage[] = []
  switch (controller.cron) {
    case CRONS.heartbeat:
      messages.push({ type: 'heartbeat', key: `heartbeat:${scheduledAt}`, scheduledAt })
      break
    case CRONS.cleanup:
      messages.push({ type: 'cleanup', key: `cleanup:${scheduledAt}`, scheduledAt })
      break
    default:
      logger.warn('cron.unknown', { cron: controller.cron })
      return
  }
  await env.JOBS.sendBatch(messages.map((body) => ({ body })))
  logger.info('cron.enqueued', { cron: controller.cron, count: messages.length })
}
