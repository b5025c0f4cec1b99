import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { leadName } from '../../domain/leads/lead-name'
import { normaliseDomain } from '../../domain/records/normalise'
import { ACTIVITY_SIGNALS, activitySignal, eventSignal, SIGNAL_EVENT_TYPES } from '../../domain/scoring/signals'
import type { EngagementEvent, ScoringLead } from '../../domain/scoring/types'
import type { Db } from '../client'
import { activities, activityEvents, leads } from '../schema'
import { enabledRulesQuery, rulesFromRows } from './scoring-rules'

const isActivitySignal = or(...ACTIVITY_SIGNALS.map((a) => and(eq(activities.type, a.type), eq(activities.outcome, a.outcome))))

export type ScoreTarget = {
  id: string
  name: string
  status: string
  ownerId: string | null
  archivedAt: Date | null
  scoreThresholds: string[]
  fields: ScoringLead
}

// Everything a recompute reads, in one batch. The database clock is read first: every write the
// reads below could miss committed after it, and so carries a later read time of its own (the
// write enqueues its own recompute once committed). That read time is the score's version.
export async function readScoreInputs(db: Db, tenantId: string, leadId: string) {
  const [clock, [lead], events, logged, ruleRows] = await db.batch([
    db.execute<{ ms: string }>(sql`select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as ms`),
    db
      .select({
        id: leads.id,
        status: leads.status,
        ownerId: leads.ownerId,
        archivedAt: leads.archivedAt,
        scoreThresholds: leads.scoreThresholds,
        firstName: leads.firstName,
        lastName: leads.lastName,
        title: leads.title,
        industry: leads.industry,
        country: leads.country,
        companySize: leads.companySize,
        source: leads.source,
        companyName: leads.companyName,
        email: leads.email,
        utmSource: leads.utmSource,
        utmCampaign: leads.utmCampaign,
      })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId))),
    db
      .select({ type: activityEvents.eventType, at: activityEvents.occurredAt })
      .from(activityEvents)
      .where(and(eq(activityEvents.tenantId, tenantId), eq(activityEvents.entityType, 'lead'), eq(activityEvents.entityId, leadId), inArray(activityEvents.eventType, SIGNAL_EVENT_TYPES))),
    db
      .select({ type: activities.type, outcome: activities.outcome, at: activities.occurredAt })
      .from(activities)
      .where(and(eq(activities.tenantId, tenantId), eq(activities.leadId, leadId), isNull(activities.archivedAt), isActivitySignal)),
    enabledRulesQuery(db, tenantId),
  ])
  const readAt = new Date(Number(clock.rows[0]?.ms))
  const signals: EngagementEvent[] = [...events.map((e) => ({ signal: eventSignal(e.type), at: e.at })), ...logged.map((a) => ({ signal: activitySignal(a.type, a.outcome), at: a.at }))].flatMap((e) =>
    e.signal ? [{ signal: e.signal, at: e.at }] : [],
  )
  const target: ScoreTarget | null = lead
    ? {
        id: lead.id,
        name: leadName(lead),
        status: lead.status,
        ownerId: lead.ownerId,
        archivedAt: lead.archivedAt,
        scoreThresholds: lead.scoreThresholds,
        fields: {
          title: lead.title,
          industry: lead.industry,
          country: lead.country,
          companySize: lead.companySize,
          source: lead.source,
          companyName: lead.companyName,
          emailDomain: lead.email ? normaliseDomain(lead.email) : null,
          utmSource: lead.utmSource,
          utmCampaign: lead.utmCampaign,
        },
      }
    : null
  return { readAt, lead: target, events: signals, rules: rulesFromRows(ruleRows) }
}
