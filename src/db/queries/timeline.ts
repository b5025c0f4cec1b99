import { and, desc, eq, getTableColumns, lt, or, sql } from 'drizzle-orm'
import type { EntityType, EventType } from '../../domain/timeline/entities'
import type { Db } from '../client'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { AppError } from '../../lib/errors'
import { activityEvents, users } from '../schema'

export type NewEvent = { entityType: EntityType; entityId: string; eventType: EventType; actorUserId: string | null; payload?: Record<string, unknown> }

// The insert to put in the same db.batch as the change it records.
export const timelineEvent = (db: Db, tenantId: string, event: NewEvent) => db.insert(activityEvents).values({ tenantId, ...event, payload: event.payload ?? {} })

export type TimelineCursor = { occurredAt: Date; id: string }

// Newest first, keyset-paginated on (occurred_at, id) to match the index: no OFFSET, and no
// duplicates or gaps when events arrive between pages.
export async function listTimeline(db: Db, tenantId: string, entityType: EntityType, entityId: string, opts: { limit: number; before?: TimelineCursor }) {
  const { before } = opts
  const rows = await db
    .select({ ...getTableColumns(activityEvents), actorName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${activityEvents.actorUserId})` })
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

// A page of a record's history for the API and the detail page: the cursor is opaque, and each
// event carries its actor's name.
export async function timelinePage(db: Db, tenantId: string, entityType: EntityType, entityId: string, opts: { limit: number; cursor?: string }) {
  let before: TimelineCursor | undefined
  if (opts.cursor) {
    const [at, id] = decodeCursor(opts.cursor)
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw new AppError('BAD_REQUEST', 'The cursor is not valid; start again from the first page.')
    before = { occurredAt: new Date(at), id }
  }
  const { events, next } = await listTimeline(db, tenantId, entityType, entityId, { limit: opts.limit, before })
  return {
    events,
    nextCursor: next ? encodeCursor([next.occurredAt.toISOString(), next.id]) : null,
  }
}
