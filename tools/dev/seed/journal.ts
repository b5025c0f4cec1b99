// The demo records' history: timeline events and status/stage history rows, written as the
// records are made up, so every timeline tells the same story as the record's current state.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import type { RelatedType } from '../../../src/domain/records/vocab.ts'
import type { RelatedRef } from '../../../src/domain/related/related.ts'
import type { EntityType, EventType } from '../../../src/domain/timeline/entities.ts'
import type { SeedContext } from './context.ts'

// A core record as the rest of the seed needs it: to hang tasks, notes and activities off it, to
// word their titles, and to stamp last_contacted_at back onto its row.
export type RecordRef = {
  type: RelatedType
  id: string
  name: string
  company: string
  firstName: string | null
  ownerId: string | null
  createdAt: Date
  status: string
  // The account a contact works at: talking to them counts as contact with it, as in the app.
  account: RecordRef | null
  // Still being worked: not a lost or won deal, not an unqualified or converted lead.
  active: boolean
  row: { lastContactedAt?: Date | null; updatedAt?: Date }
}

// A row as the seed makes it: unlike an insert in general, with its id and creation time set.
export type Seeded<Row> = Row & { id: string; createdAt: Date }

export type Journal = {
  events: DemoRows['activityEvents']
  historyRows: DemoRows['customerStatusHistory']
  event(entity: { type: EntityType; id: string }, eventType: EventType, actorUserId: string | null, at: Date, payload: Record<string, unknown>): void
  // A status or stage change, as the app writes it: one event with the diff, one history row.
  change(ref: RelatedRef, field: 'status' | 'stage', from: string, to: string, actorUserId: string | null, at: Date): void
  // Only the history row: for a change whose event is another kind (a conversion), or a deal's
  // entry into its first stage, which the app records at creation.
  history(ref: RelatedRef, field: 'status' | 'stage', from: string | null, to: string, actorUserId: string | null, at: Date): void
}

export function createJournal(ctx: SeedContext): Journal {
  const events: Journal['events'] = []
  const historyRows: Journal['historyRows'] = []
  const event: Journal['event'] = (entity, eventType, actorUserId, at, payload) => {
    events.push({ tenantId: ctx.tenantId, id: ctx.idAt(at), entityType: entity.type, entityId: entity.id, eventType, actorUserId, occurredAt: at, payload })
  }
  const history: Journal['history'] = (ref, field, from, to, actorUserId, at) => {
    historyRows.push({ tenantId: ctx.tenantId, id: ctx.idAt(at), entityType: ref.type, entityId: ref.id, field, fromValue: from, toValue: to, changedBy: actorUserId, changedAt: at })
  }
  return {
    events,
    historyRows,
    event,
    history,
    change(ref, field, from, to, actorUserId, at) {
      const key = field === 'stage' ? 'stageId' : 'status'
      event(ref, field === 'stage' ? 'stage_changed' : 'status_changed', actorUserId, at, { changes: { [key]: { from, to } } })
      history(ref, field, from, to, actorUserId, at)
    },
  }
}
