import { inBatchesOf } from '../../domain/jobs/batches'
import { recomputeMessage, sweepMessage } from '../../domain/jobs/scoring'
import type { RelatedRef } from '../../domain/related/related'
import type { AuthedEnv, Env } from '../../env'
import type { MiddlewareHandler } from 'hono'
import { logger } from '../log'

// Queues take at most 100 messages per sendBatch.
const SEND_BATCH = 100

// Asks for the leads' scores to be recomputed, after a change to them has been written. A failure
// to enqueue is logged, not raised: the change itself is saved, and the nightly sweep rescores
// every open lead anyway.
export async function enqueueScore(env: Pick<Env, 'JOBS'>, tenantId: string, leadIds: readonly string[]): Promise<void> {
  if (!leadIds.length) return
  const at = Date.now()
  try {
    if (leadIds.length === 1) await env.JOBS.send(recomputeMessage(tenantId, leadIds[0] as string, at))
    else for (const batch of inBatchesOf([...leadIds], SEND_BATCH)) await env.JOBS.sendBatch(batch.map((id) => ({ body: recomputeMessage(tenantId, id, at) })))
  } catch (err) {
    logger.error('score.enqueue_failed', { tenantId, leads: leadIds.length, error: String(err) })
  }
}

// For a note, activity or task: rescores the record it hangs off when that is a lead.
export const enqueueScoreOf = (env: Pick<Env, 'JOBS'>, tenantId: string, ref: RelatedRef | null): Promise<void> => enqueueScore(env, tenantId, ref?.type === 'lead' ? [ref.id] : [])

// Middleware for the scoring rules' page and API: after a rule is added, changed, switched or
// deleted, every open lead's score may be stale, so a sweep rescores the workspace now rather than
// at the nightly run. Reads and refused writes (4xx) change nothing and queue nothing.
export const rescoreAfterRuleChange: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  await next()
  if (c.req.method === 'GET' || c.res.status >= 400) return
  try {
    await c.env.JOBS.send(sweepMessage(c.var.tenantId, new Date().toISOString()))
  } catch (err) {
    logger.error('score.enqueue_failed', { tenantId: c.var.tenantId, sweep: true, error: String(err) })
  }
}
