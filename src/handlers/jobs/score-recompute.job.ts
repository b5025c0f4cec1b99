// Trigger: enqueueScore() after a change to a lead or its engagement (create, edit, notes,
// activities, completed tasks), and the nightly score sweep. Idempotency key:
// "score:<leadId>:<ms>"; what makes a redelivery harmless is the version guard on scored_at and
// the list of reached thresholds, not the key.
import { createDb } from '../../db/client'
import { readScoreInputs } from '../../db/queries/score-inputs'
import { readThresholdPeople, writeScore, type ScoreWrite } from '../../db/queries/score-writes'
import type { ScoreRecompute } from '../../domain/jobs/scoring'
import { reachedThresholds, scoreLead } from '../../domain/scoring/engine'
import { scoreLineText } from '../../domain/scoring/explain'
import { peopleToLookUp, thresholdEffects } from '../../domain/scoring/threshold-effects'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { scoreThresholdEmail } from '../../views/email/score-threshold'

// Reads the lead's inputs, scores them with the pure engine, and stores the result if no newer
// read got there first. A lead that is converted, archived or gone (or another workspace's) is
// left alone: its score is history.
export async function runScoreRecompute(env: Env, msg: ScoreRecompute): Promise<void> {
  const db = createDb(env)
  const { readAt, lead, events, rules } = await readScoreInputs(db, msg.tenantId, msg.leadId)
  if (!lead || lead.archivedAt || lead.status === 'converted') {
    logger.info('score.skipped', { tenantId: msg.tenantId, leadId: msg.leadId, key: msg.key, reason: !lead ? 'no such lead' : lead.archivedAt ? 'archived' : 'converted' })
    return
  }
  const result = scoreLead(lead.fields, events, rules, readAt)
  const reached = reachedThresholds(result.score, rules)
  const fresh = reached.filter((r) => !lead.scoreThresholds.includes(r.id))
  const lookUp = peopleToLookUp(fresh, lead.ownerId)
  const people = lookUp.length ? await readThresholdPeople(db, msg.tenantId, lookUp) : { members: [], workspaceName: '' }
  const effects = thresholdEffects(reached, lead, new Set(people.members.map((m) => m.id)))
  const recipient = people.members.find((m) => m.id === effects.notify?.ownerId)
  const emails: ScoreWrite['emails'] = recipient
    ? fresh
        .filter((r) => effects.notify?.ruleIds.includes(r.id))
        .map((rule) => ({
          ruleId: rule.id,
          to: recipient.email,
          email: scoreThresholdEmail({
            name: recipient.name,
            workspaceName: people.workspaceName,
            leadName: lead.name,
            ruleName: rule.name,
            score: result.score,
            reasons: result.breakdown.map((line) => scoreLineText(line, rules)),
            assignedToYou: effects.owner?.to === recipient.id,
            leadUrl: new URL(`/leads/${lead.id}`, env.APP_URL).toString(),
          }),
        }))
    : []
  const { applied, queuedEmails } = await writeScore(db, { tenantId: msg.tenantId, leadId: lead.id, readAt, result, effects, emails, mayHaveEmails: reached.some((r) => r.notifyOwner) })
  // Also re-sent when an earlier attempt wrote the email and died before enqueueing it; the
  // send-email job skips a row that is already sent.
  for (const e of queuedEmails) await env.JOBS.send({ type: 'send-email', key: e.key, outboxId: e.id })
  logger.info('score.recomputed', { tenantId: msg.tenantId, leadId: lead.id, key: msg.key, score: result.score, applied, thresholds: effects.fresh.length })
}
