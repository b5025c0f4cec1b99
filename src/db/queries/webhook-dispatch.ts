import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import type { TimelineEvent } from '../../domain/webhooks/events'
import type { Db } from '../client'
import { webhookDeliveries, webhookOutbox } from '../schema'

// The webhook dispatcher's queries. Like the reminder claims they span every workspace (cron
// work), and each row carries its own tenant: deliveries only ever join an event to endpoints of
// the event's own workspace.

export type OutboxEvent = TimelineEvent & { tenantId: string; endpoints: { id: string; eventTypes: string[] }[] }
export type OutboxKey = { tenantId: string; eventId: string }

type Row = Omit<OutboxEvent, 'occurredAt' | 'entityType'> & { entityType: OutboxEvent['entityType'] | null; occurredAt: string | null }

const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

// One statement claims up to `limit` outbox rows, oldest first, and reads their events with the
// enabled endpoints of each event's workspace. Locked rows are skipped (an overlapping run has
// them) and a claim lapses after the lease (its run died), as with reminders: a CTE with row
// locks, not a subquery the planner may run more than once.
export async function claimOutboxEvents(db: Db, limit: number, leaseMs: number): Promise<{ keys: OutboxKey[]; events: OutboxEvent[] }> {
  const result = await db.execute<Row>(sql`
    with due as (
      select tenant_id, event_id from ${webhookOutbox}
      where claimed_at is null or claimed_at < now() - make_interval(secs => ${leaseMs / 1000})
      order by created_at limit ${limit} for update skip locked
    ), claimed as (
      update ${webhookOutbox} o set claimed_at = now() from due
      where o.tenant_id = due.tenant_id and o.event_id = due.event_id
      returning o.tenant_id, o.event_id
    )
    select c.tenant_id as "tenantId", c.event_id as "id", e.entity_type as "entityType", e.entity_id as "entityId", e.event_type as "eventType",
      e.actor_user_id as "actorUserId", e.occurred_at as "occurredAt", e.payload,
      coalesce((select json_agg(json_build_object('id', w.id, 'eventTypes', w.event_types)) from webhook_endpoints w where w.tenant_id = c.tenant_id and w.enabled), '[]'::json) as endpoints
    from claimed c left join activity_events e on e.tenant_id = c.tenant_id and e.id = c.event_id`)
  const keys = result.rows.map((r) => ({ tenantId: r.tenantId, eventId: r.id }))
  const events = result.rows.flatMap((r) => (r.entityType && r.occurredAt ? [{ ...r, entityType: r.entityType, occurredAt: new Date(r.occurredAt) }] : []))
  return { keys, events }
}

export type NewDelivery = typeof webhookDeliveries.$inferInsert & { id: string }

// The fan-out and the outbox rows it came from, in one transaction: a crash before it re-runs the
// claim after the lease, and the unique (endpoint, event, type) index makes an overlapping run's
// second write a no-op. Returns the deliveries actually written, which are the ones to enqueue.
export async function writeDeliveries(db: Db, keys: OutboxKey[], deliveries: NewDelivery[]): Promise<{ tenantId: string; id: string }[]> {
  const remove = db.execute(sql`delete from ${webhookOutbox} where (tenant_id, event_id) in (select * from unnest(${uuids(keys.map((k) => k.tenantId))}, ${uuids(keys.map((k) => k.eventId))}))`)
  if (!deliveries.length) {
    await remove
    return []
  }
  const [written] = await db.batch([db.insert(webhookDeliveries).values(deliveries).onConflictDoNothing().returning({ tenantId: webhookDeliveries.tenantId, id: webhookDeliveries.id }), remove])
  return written
}

// Deliveries still due whose queue message never ran: lost between writing and enqueueing (the
// dispatcher died), or dropped after the queue's own retries. next_attempt_at moves on by the
// grace period, so each sweep re-enqueues a given delivery at most once per period.
export async function claimStrandedDeliveries(db: Db, graceMs: number, limit: number): Promise<{ tenantId: string; id: string }[]> {
  const grace = sql`make_interval(secs => ${graceMs / 1000})`
  const stranded = db.$with('stranded').as(
    db
      .select({ tenantId: webhookDeliveries.tenantId, id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.status, ['pending', 'retrying']), lt(webhookDeliveries.nextAttemptAt, sql`now() - ${grace}`)))
      .limit(limit)
      .for('update', { skipLocked: true }),
  )
  return db
    .with(stranded)
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`now()` })
    .from(stranded)
    .where(and(eq(webhookDeliveries.tenantId, stranded.tenantId), eq(webhookDeliveries.id, stranded.id)))
    .returning({ tenantId: webhookDeliveries.tenantId, id: webhookDeliveries.id })
}
