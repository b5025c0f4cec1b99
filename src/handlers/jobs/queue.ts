import { retryDelaySeconds } from '../../domain/jobs/backoff'
import { JobMessage } from '../../domain/jobs/messages'
import type { Env } from '../../env'
import { useCursorSecret } from '../../lib/cursor'
import { logger } from '../../lib/log'
import { linkSecret } from '../../lib/signed-links'
import { runCleanup } from './cleanup.job'
import { runDigest } from './digest.job'
import { runExport } from './export.job'
import { noteFailure, noteRecovery } from './failure-record'
import { runHeartbeat } from './heartbeat.job'
import { runImportRevert } from './import-revert.job'
import { runImportRun } from './import-run.job'
import { runScoreRecompute } from './score-recompute.job'
import { runScoreSweep } from './score-sweep.job'
import { runSendEmail } from './send-email.job'
import { runTaskReminder } from './task-reminder.job'
import { runWebhookDeliver } from './webhook-deliver.job'

// The one dispatch on message type. Adding a job type means adding a case here; the `never`
// check makes the compiler list any type that has no handler. Import jobs are told the delivery
// count: on the last one they settle the import rather than leave it to the sweep.
async function dispatch(env: Env, msg: JobMessage, attempts: number): Promise<void> {
  switch (msg.type) {
    case 'heartbeat':
      return runHeartbeat(env, msg)
    case 'send-email':
      return runSendEmail(env, msg)
    case 'cleanup':
      return runCleanup(env, msg)
    case 'task-reminder':
      return runTaskReminder(env, msg)
    case 'digest':
      return runDigest(env, msg)
    case 'score.recompute':
      return runScoreRecompute(env, msg)
    case 'score.sweep':
      return runScoreSweep(env, msg)
    case 'export':
      return runExport(env, msg)
    case 'webhook.deliver':
      return runWebhookDeliver(env, msg)
    case 'import.run':
      return runImportRun(env, msg, attempts)
    case 'import.revert':
      return runImportRevert(env, msg, attempts)
    default: {
      const unhandled: never = msg
      throw new Error(`no handler for job type ${String((unhandled as { type: unknown }).type)}`)
    }
  }
}

// Each message is acked or retried on its own, so one poison message never holds back or
// replays the rest of its batch. After max_retries the queue moves it to the DLQ.
export async function handleQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  // Jobs page through lists with cursors too (exports), signed with the key requests use.
  useCursorSecret(linkSecret(env))
  for (const message of batch.messages) {
    const parsed = JobMessage.safeParse(message.body)
    if (!parsed.success) {
      // Retrying a malformed message cannot help; ack it and say so loudly.
      logger.error('job.malformed', { queue: batch.queue, id: message.id, issues: parsed.error.issues })
      message.ack()
      continue
    }
    try {
      await dispatch(env, parsed.data, message.attempts)
      message.ack()
      if (message.attempts > 1) await noteRecovery(env, parsed.data)
    } catch (err) {
      const delaySeconds = retryDelaySeconds(message.attempts)
      logger.error('job.failed', { type: parsed.data.type, id: message.id, attempts: message.attempts, delaySeconds, error: String(err) })
      await noteFailure(env, parsed.data, message.attempts, err)
      message.retry({ delaySeconds })
    }
  }
}
