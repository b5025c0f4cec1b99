// Trigger: the nightly scoring cron enqueues one per workspace, and each page enqueues the next.
// Idempotency key: "score-sweep:<tenantId>:<runStartedAt>:<after>". A redelivered page enqueues
// recomputes again (harmless: each is guarded by its read time) and finds the leads already
// rescored in this run filtered out, so a duplicate chain of pages soon runs dry.
import { createDb } from '../../db/client'
import { leadsToSweep } from '../../db/queries/score-sweep'
import { inBatchesOf } from '../../domain/jobs/batches'
import { recomputeMessage, SCORE_SWEEP_PAGE, sweepMessage, type ScoreSweep } from '../../domain/jobs/scoring'
import type { Env } from '../../env'
import { logger } from '../../lib/log'

const SEND_BATCH = 100

// One page: the next leads of the workspace scored before the run began, one recompute each
// (which applies the decay of their engagement), then the next page if this one was full.
export async function runScoreSweep(env: Env, msg: ScoreSweep): Promise<void> {
  const ids = await leadsToSweep(createDb(env), msg.tenantId, new Date(msg.runStartedAt), msg.after, SCORE_SWEEP_PAGE)
  const at = Date.now()
  for (const batch of inBatchesOf(ids, SEND_BATCH)) await env.JOBS.sendBatch(batch.map((id) => ({ body: recomputeMessage(msg.tenantId, id, at) })))
  const last = ids.at(-1)
  if (ids.length === SCORE_SWEEP_PAGE && last) await env.JOBS.send(sweepMessage(msg.tenantId, msg.runStartedAt, last))
  logger.info('score.swept', { tenantId: msg.tenantId, key: msg.key, leads: ids.length, more: ids.length === SCORE_SWEEP_PAGE })
}
