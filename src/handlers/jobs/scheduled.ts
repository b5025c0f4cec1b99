import { createDb } from '../../db/client'
import { claimDueDigests } from '../../db/queries/digest'
import { claimStaleImports } from '../../db/queries/imports'
import { claimDueReminders } from '../../db/queries/reminders'
import { workspaceIdsAfter } from '../../db/queries/score-sweep'
import type { JobMessage } from '../../domain/jobs/messages'
import { inBatchesOf } from '../../domain/jobs/batches'
import { DIGEST_CLAIM_BATCH, DIGEST_LEASE_MS, digestMessage } from '../../domain/jobs/digest'
import { importRevertMessage, importRunMessage } from '../../domain/jobs/imports'
import { REMINDER_CLAIM_BATCH, REMINDER_LEASE_MS, reminderMessage } from '../../domain/jobs/reminders'
import { sweepMessage } from '../../domain/jobs/scoring'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { dispatchNow } from '../../lib/webhooks/deliveries'

// Cron only fans out: it finds due work and enqueues it; consumers do the work. The cron strings
// here must match [triggers] crons in wrangler.toml.
export const CRONS = {
  heartbeat: '*/5 * * * *',
  cleanup: '17 * * * *',
  // Every minute, so a reminder goes out at most about a minute late.
  reminders: '* * * * *',
  // Every quarter hour, because 07:00 local falls on :00, :15 or :30 UTC (India and Newfoundland
  // on :30, Nepal and the Chatham Islands on :15): each member's digest goes out on the dot.
  // Hourly would send those zones' digests up to 45 minutes late; every minute would sweep the
  // memberships 60 times an hour when 4 of them can matter.
  digest: '*/15 * * * *',
  // Nightly, in the quiet hours: rescoring every open lead so old engagement fades.
  scoreDecay: '30 3 * * *',
} as const

// Queues take at most 100 messages per sendBatch.
const SEND_BATCH = 100

export async function handleScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Env): Promise<void> {
  const scheduledAt = new Date(controller.scheduledTime).toISOString()
  switch (controller.cron) {
    case CRONS.heartbeat:
      // The same tick picks up imports whose job died, so they resume within minutes.
      await Promise.all([enqueue(env, controller.cron, [{ type: 'heartbeat', key: `heartbeat:${scheduledAt}`, scheduledAt }]), enqueueStaleImports(env)])
      return
    case CRONS.cleanup:
      return enqueue(env, controller.cron, [{ type: 'cleanup', key: `cleanup:${scheduledAt}`, scheduledAt }])
    case CRONS.reminders:
      // The same tick also fans out webhook events, so they go out within about a minute.
      await Promise.all([enqueueDueReminders(env), dispatchWebhooks(env)])
      return
    case CRONS.digest:
      return enqueueDueDigests(env, new Date(controller.scheduledTime))
    case CRONS.scoreDecay:
      return enqueueScoreSweeps(env, scheduledAt)
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

async function dispatchWebhooks(env: Env): Promise<void> {
  const count = await dispatchNow(env, createDb(env))
  if (count) logger.info('cron.enqueued', { cron: CRONS.reminders, webhooks: count })
}

// Claims the members whose digest is due at the tick's time, a batch at a time until none are
// left. Due means "07:00 or later today, local, and today not yet handled", not "07:00 exactly",
// so the first run after an outage sends the day's digests it missed.
async function enqueueDueDigests(env: Env, now: Date): Promise<void> {
  const db = createDb(env)
  for (;;) {
    const claimed = await claimDueDigests(db, now, DIGEST_CLAIM_BATCH, DIGEST_LEASE_MS)
    if (claimed.length) await enqueue(env, CRONS.digest, claimed.map(digestMessage))
    if (claimed.length < DIGEST_CLAIM_BATCH) return
  }
}

// Imports claimed per statement by the sweep.
const STALE_IMPORT_BATCH = 100

// Imports in the middle of a run or an undo whose job's lease ran out: it died (or its message
// was lost), so a new message carries on from the last committed chunk.
async function enqueueStaleImports(env: Env): Promise<void> {
  const db = createDb(env)
  for (;;) {
    const claimed = await claimStaleImports(db, STALE_IMPORT_BATCH)
    if (claimed.length) await enqueue(env, CRONS.heartbeat, claimed.map((i) => (i.status === 'reverting' ? importRevertMessage(i) : importRunMessage(i))))
    if (claimed.length < STALE_IMPORT_BATCH) return
  }
}

// Workspaces read per page when fanning out the nightly sweep.
const WORKSPACE_PAGE = 500

// One sweep message per workspace; each pages through its own leads (score-sweep.job.ts). Keyed by
// the tick, so a repeated run of the same tick enqueues pages that find their leads rescored.
async function enqueueScoreSweeps(env: Env, runStartedAt: string): Promise<void> {
  const db = createDb(env)
  for (let after: string | null = null; ; ) {
    const page = await workspaceIdsAfter(db, after, WORKSPACE_PAGE)
    if (page.length) await enqueue(env, CRONS.scoreDecay, page.map((w) => sweepMessage(w.id, runStartedAt)))
    after = page.at(-1)?.id ?? null
    if (page.length < WORKSPACE_PAGE) return
  }
}
