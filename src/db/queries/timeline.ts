import { and, desc, eq, lt, or } from 'drizzle-orm'
import type { EntityType, EventType } from '../../domain/timeline/entities'
import type { Db } from '../client'
import { activityEvents } from '../schema'

export type NewEvent = { entityType: EntityType; entityId: string; eventType: EventType; actorUserId: string | null; payload?: Record<string, unknown> }

// The insert to put in the same db.batch as the change it records.
export const timelineEvent = (db: Db, tenantId: string, event: NewEvent) => db.insert(activityEvents).values({ tenantId, ...event, payload: event.payload ?? {} })

export type TimelineCursor = { occurredAt: Date; id: string }

// Newest first, keyset-paginated on (occurred_at, id) to match the index: no OFFSET, and no
// duplicates or gaps when events arrive between pages.
export async function listTimeline(db: Db, tenantId: string, entityType: EntityType, entityId: string, opts: { limit: number; before?: TimelineCursor }) {
  const { before } = opts
  const rows = await db
    .select()
    .from(activityEvents)
    .where(
      and(
        eq(activityEvents.tenantId, tenantId),
        eq(activityEvents.entityType, entityType),
        eq(activityEvents.entityId, entityId),
        before ? or(lt(activityEvents.occurredAt, before.occurredAt), and(eq(activityEvents.occurredAt, before.occurredAt), lt(activityEvents.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(activityEvents.occurredAt), desc(activityEvents.id))
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit)
  const last = page[page.length - 1]
  return { events: page, next: rows.length > opts.limit && last ? { occurredAt: last.occurredAt, id: last.id } : null }
}
