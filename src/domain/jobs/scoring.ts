import type * as z from 'zod'
import type { ScoreRecomputeMessage, ScoreSweepMessage } from './messages'

export type ScoreRecompute = z.infer<typeof ScoreRecomputeMessage>
export type ScoreSweep = z.infer<typeof ScoreSweepMessage>

// Leads one sweep message hands to recompute: two sendBatch calls' worth, and one indexed read.
export const SCORE_SWEEP_PAGE = 200

// Each change gets a message of its own (keyed by when it was asked for): the recompute reads the
// lead afresh anyway, and its version guard lets only the newest read's score stand.
export const recomputeMessage = (tenantId: string, leadId: string, at = Date.now()): ScoreRecompute => ({ type: 'score.recompute', key: `score:${leadId}:${at}`, tenantId, leadId })

// One page of a workspace's nightly sweep. runStartedAt is the cron tick: leads scored since then
// need no decay pass, which is what makes a redelivered page cheap and the sweep end.
export const sweepMessage = (tenantId: string, runStartedAt: string, after?: string): ScoreSweep => ({
  type: 'score.sweep',
  key: `score-sweep:${tenantId}:${runStartedAt}:${after ?? 'first'}`,
  tenantId,
  runStartedAt,
  ...(after ? { after } : {}),
})
