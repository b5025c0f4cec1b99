// Notes and logged calls, emails and meetings on the records. Each shows on its record's timeline,
// and the activities set the record's (and a contact's account's) last_contacted_at.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import { ACTIVITY_OUTCOMES, type ActivityType, type RelatedType } from '../../../src/domain/records/vocab.ts'
import { excerpt, relatedColumns } from '../../../src/domain/related/related.ts'
import { sinceThen, workerOf, type SeedContext } from './context.ts'
import type { Journal, RecordRef } from './journal.ts'
import { ACTIVITY_BODIES, ACTIVITY_SUBJECTS, NOTES } from './texts.ts'

const NOTE_COUNT = 100
const ACTIVITY_COUNT = 100

export type RecordPools = Record<RelatedType, RecordRef[]>

export function pickRecord(ctx: SeedContext, pools: RecordPools, weights: readonly (readonly [RelatedType, number])[]): RecordRef {
  const pool = pools[ctx.rng.weighted(weights.filter(([type]) => pools[type].length > 0))]
  return ctx.rng.pick(pool)
}

export function buildNotes(ctx: SeedContext, pools: RecordPools, journal: Journal): DemoRows['notes'] {
  const notes: DemoRows['notes'] = []
  for (let i = 0; i < NOTE_COUNT; i++) {
    const record = pickRecord(ctx, pools, [
      ['account', 25],
      ['contact', 30],
      ['lead', 20],
      ['opportunity', 25],
    ])
    const createdAt = sinceThen(ctx, record.createdAt)
    const createdBy = workerOf(ctx, record.ownerId)
    const id = ctx.idAt(createdAt)
    const body = ctx.rng.pick(NOTES)(record)
    notes.push({ tenantId: ctx.tenantId, id, body, ...relatedColumns(record), createdAt, updatedAt: createdAt, createdBy })
    // As the app writes a note: "created" on the note, "note_added" on its record.
    const short = excerpt(body)
    journal.event({ type: 'note', id }, 'created', createdBy, createdAt, { name: short })
    journal.event(record, 'note_added', createdBy, createdAt, { noteId: id, excerpt: short })
  }
  return notes
}

// How logged activities usually turn out.
const OUTCOME_WEIGHTS: Record<string, number> = { connected: 5, left_voicemail: 3, no_answer: 2, wrong_number: 0.3, sent: 6, replied: 3, bounced: 0.4, held: 7, no_show: 1, rescheduled: 2 }

export function buildActivities(ctx: SeedContext, pools: RecordPools, journal: Journal): DemoRows['activities'] {
  const { rng } = ctx
  const activities: DemoRows['activities'] = []
  // Only leads someone has worked have calls and emails logged.
  const worked = { ...pools, lead: pools.lead.filter((l) => l.status !== 'new') }
  for (let i = 0; i < ACTIVITY_COUNT; i++) {
    const record = pickRecord(ctx, worked, [
      ['contact', 40],
      ['lead', 25],
      ['opportunity', 25],
      ['account', 10],
    ])
    const type = rng.weighted<ActivityType>([
      ['call', 45],
      ['email', 35],
      ['meeting', 20],
    ])
    const outcome = rng.weighted(ACTIVITY_OUTCOMES[type].map((o) => [o, OUTCOME_WEIGHTS[o] ?? 1] as const))
    const occurredAt = sinceThen(ctx, record.createdAt)
    // Logged a little after it happened.
    const createdAt = new Date(Math.min(ctx.now.getTime(), occurredAt.getTime() + rng.int(0, 90) * 60_000))
    const createdBy = workerOf(ctx, record.ownerId)
    const id = ctx.idAt(createdAt)
    const subject = rng.pick(ACTIVITY_SUBJECTS[type])(record)
    activities.push({
      tenantId: ctx.tenantId,
      id,
      type,
      outcome,
      subject,
      body: rng.chance(0.5) ? rng.pick(ACTIVITY_BODIES) : null,
      occurredAt,
      durationMinutes: outcome === 'connected' ? rng.int(5, 40) : outcome === 'held' ? rng.pick([30, 45, 60]) : null,
      ...relatedColumns(record),
      createdAt,
      updatedAt: createdAt,
      createdBy,
    })
    journal.event(record, 'activity_logged', createdBy, createdAt, { activityId: id, type, outcome, subject })
    for (const touched of [record, record.account]) {
      const last = touched?.row.lastContactedAt
      if (touched && (!last || last < occurredAt)) touched.row.lastContactedAt = occurredAt
    }
  }
  return activities
}
