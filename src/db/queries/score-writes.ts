import { and, asc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm'
import type { LeadStatus } from '../../domain/records/vocab'
import { thresholdEmailKey, thresholdEmailPrefix, type ThresholdEffects } from '../../domain/scoring/threshold-effects'
import type { ScoreResult } from '../../domain/scoring/types'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { leads, memberships, outbox, tenants, users } from '../schema'
import type { EmailDraft } from './outbox'
import { eventWhen, historyWhen } from './records/changes'

// The members a threshold's effects involve (re-routing targets, the owner to email), active
// ones only, and the workspace's name for the email.
export async function readThresholdPeople(db: Db, tenantId: string, userIds: string[]) {
  const [members, [tenant]] = await db.batch([
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, userIds), isNull(memberships.deactivatedAt)))
      .orderBy(asc(users.id)),
    db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)),
  ])
  return { members, workspaceName: tenant?.name ?? '' }
}

export type ScoreWrite = {
  tenantId: string
  leadId: string
  // When the inputs were read: the score's version, stored as scored_at.
  readAt: Date
  result: ScoreResult
  effects: ThresholdEffects
  // The threshold email for each rule in effects.notify, to the owner it names.
  emails: { ruleId: string; to: string; email: Pick<EmailDraft, 'subject' | 'html' | 'text'> }[]
  // Whether any reached threshold emails the owner: then the lead may have a threshold email an
  // earlier, interrupted run wrote and never got delivered.
  mayHaveEmails: boolean
}

const textArray = (ids: string[]) => (ids.length ? sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::text[]` : sql`'{}'::text[]`)

// The score and its effects in one batch (one transaction). The score is written only if no
// newer read has been stored (scored_at < readAt), and the read day's history row (UTC) with it.
// updated_at is left alone: a score is no edit a form could conflict with (a threshold's status or
// owner change is, and bumps it). Every effect of a threshold
// holds only while this run's score is the stored one and the rule is not yet in the lead's list
// of reached thresholds, and the list is updated last: a redelivered message, or a concurrent
// run that saw the same crossing, finds the rule listed and does nothing again.
// Returns whether this run's score was stored, and the threshold emails still waiting to be
// delivered, for the caller to enqueue.
export async function writeScore(db: Db, w: ScoreWrite): Promise<{ applied: boolean; queuedEmails: { id: string; key: string }[] }> {
  const { tenantId, leadId, readAt, result, effects } = w
  const at = sql`${readAt.toISOString()}::timestamptz`
  const acting = effects.fresh.length > 0
  const scoreStatement = db.execute(sql`
    with scored as (
      update leads set score = ${result.score}, score_breakdown = ${JSON.stringify(result.breakdown)}::jsonb, scored_at = ${at}
        ${acting ? sql`` : sql`, score_thresholds = ${textArray(effects.reachedIds)}`}
      where tenant_id = ${tenantId} and id = ${leadId} and archived_at is null and status <> 'converted' and (scored_at is null or scored_at < ${at})
      returning tenant_id, id, score
    )
    insert into lead_score_history (tenant_id, lead_id, day, score)
    select tenant_id, id, (${at} at time zone 'UTC')::date, score from scored
    on conflict (tenant_id, lead_id, day) do update set score = excluded.score
    returning lead_id`)

  // True while this run's score is stored and `ruleId` has not been acted on yet.
  const ours = (ruleId: string, extra: SQL = sql``) =>
    sql`exists (select 1 from ${leads} l where l.tenant_id = ${tenantId} and l.id = ${leadId} and l.scored_at = ${at} and not (${ruleId} = any(l.score_thresholds)) ${extra})`
  const thisLead = (ruleId: string) => and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), eq(leads.scoredAt, readAt), sql`not (${ruleId} = any(${leads.scoreThresholds}))`)
  const activeMember = (userId: string) => sql`exists (select 1 from ${memberships} m where m.tenant_id = ${tenantId} and m.user_id = ${userId}::uuid and m.deactivated_at is null)`
  const system = { entityType: 'lead', entityId: leadId, actorUserId: null } as const

  const status = effects.status
  const statusStatements = status
    ? (() => {
        const diff = { status: { from: status.from, to: status.to } }
        const when = ours(status.ruleId, sql`and l.status = ${status.from}`)
        return [
          eventWhen(db, tenantId, { ...system, eventType: 'status_changed', payload: { changes: diff, scoringRule: status.ruleName } }, when),
          ...historyWhen(db, tenantId, 'lead', leadId, null, diff, when),
          db
            .update(leads)
            .set({ status: status.to, updatedAt: new Date() })
            .where(and(thisLead(status.ruleId), eq(leads.status, status.from as LeadStatus))),
        ]
      })()
    : []

  const owner = effects.owner
  const ownerStatements = owner
    ? (() => {
        const when = ours(owner.ruleId, sql`and l.owner_id is not distinct from ${owner.from}::uuid and ${activeMember(owner.to)}`)
        return [
          eventWhen(db, tenantId, { ...system, eventType: 'owner_changed', payload: { changes: { ownerId: { from: owner.from, to: owner.to } }, scoringRule: owner.ruleName } }, when),
          db
            .update(leads)
            .set({ ownerId: owner.to, updatedAt: new Date() })
            .where(and(thisLead(owner.ruleId), sql`${leads.ownerId} is not distinct from ${owner.from}::uuid`, activeMember(owner.to))),
        ]
      })()
    : []

  const ownerId = effects.notify?.ownerId
  const emailStatements = ownerId
    ? w.emails.map(({ ruleId, to, email }) =>
        db.execute(sql`insert into ${outbox} (id, tenant_id, idempotency_key, to_address, subject, html, text)
          select ${newId()}::uuid, ${tenantId}::uuid, ${thresholdEmailKey(leadId, ruleId, readAt)}, ${to}, ${email.subject}, ${email.html}, ${email.text}
          where ${ours(ruleId, sql`and l.owner_id = ${ownerId}::uuid`)}
          on conflict (idempotency_key) do nothing`),
      )
    : []

  const listStatement = acting ? [db.update(leads).set({ scoreThresholds: effects.reachedIds }).where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), eq(leads.scoredAt, readAt)))] : []

  // The lead's threshold emails never handed to the queue (attempts = 0): those this run wrote, or
  // one an earlier run wrote before it died. A duplicate delivery finds the row sent.
  const pending = db
    .select({ id: outbox.id, key: outbox.idempotencyKey })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.status, 'queued'), eq(outbox.attempts, 0), like(outbox.idempotencyKey, `${thresholdEmailPrefix(leadId)}%`)))

  const results = await db.batch([scoreStatement, ...statusStatements, ...ownerStatements, ...emailStatements, ...listStatement, ...(w.mayHaveEmails ? [pending] : [])])
  const applied = (results[0] as { rows: unknown[] }).rows.length > 0
  const queuedEmails = w.mayHaveEmails ? (results.at(-1) as { id: string; key: string }[]) : []
  return { applied, queuedEmails }
}
