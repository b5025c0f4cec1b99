import { and, eq, lt, notInArray, or, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { EntityType, EventType } from '../../domain/timeline/entities'
import type { Db } from '../client'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { AppError } from '../../lib/errors'
import { activityEvents, recordMerges, users } from '../schema'
import { listActiveMembers } from './records/columns'
import { newestFirst } from './records/list'

export type NewEvent = { entityType: EntityType; entityId: string; eventType: EventType; actorUserId: string | null; payload?: Record<string, unknown> }

// The insert to put in the same db.batch as the change it records.
export const timelineEvent = (db: Db, tenantId: string, event: NewEvent) => db.insert(activityEvents).values({ tenantId, ...event, payload: event.payload ?? {} })

export type TimelineCursor = { occurredAt: Date; id: string }

// The records whose events make up a timeline. Events cannot be rewritten, so a merge leaves the
// loser's history where it was: a lead's or contact's timeline also reads the records merged into
// it (and into those), found through record_merges' winner index.
const timelineRecords = (tenantId: string, entityType: EntityType, entityId: string) =>
  entityType === 'lead' || entityType === 'contact'
    ? sql`array(with recursive merged(id) as (select ${entityId}::uuid union select r.loser_id from ${recordMerges} r join merged on r.winner_id = merged.id
        where r.tenant_id = ${tenantId} and r.entity_type = ${entityType} and r.undone_at is null) select id from merged)`
    : sql`array[${entityId}::uuid]`

// Newest first, keyset-paginated on (occurred_at, id) to match the index: no OFFSET, and no
// duplicates or gaps when events arrive between pages. One row more than asked shows if there is
// another page. Each record is one ordered index scan that stops at the page size (a lateral
// join), and the outer sort merges those few rows.
function timelineRows(db: Db, tenantId: string, entityType: EntityType, entityId: string, limit: number, before?: TimelineCursor) {
  const records = db.select({ recordId: sql<string>`record_id`.as('record_id') }).from(sql`unnest(${timelineRecords(tenantId, entityType, entityId)}) as r(record_id)`).as('timeline_records')
  const events = db
    .select()
    .from(activityEvents)
    .where(
      and(
        eq(activityEvents.tenantId, tenantId),
        eq(activityEvents.entityType, entityType),
        eq(activityEvents.entityId, records.recordId),
        // A merged record brings its history, not its merge events: the survivor has its own.
        or(eq(activityEvents.entityId, entityId), notInArray(activityEvents.eventType, ['merged', 'merge_undone'])),
        before ? or(lt(activityEvents.occurredAt, before.occurredAt), and(eq(activityEvents.occurredAt, before.occurredAt), lt(activityEvents.id, before.id))) : undefined,
      ),
    )
    .orderBy(...newestFirst(activityEvents.occurredAt, activityEvents.id))
    .limit(limit + 1)
    .as('events')
  return db
    .select({ ...events._.selectedFields, actorName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${events.actorUserId})` })
    .from(records)
    .crossJoinLateral(events)
    .orderBy(...newestFirst(events.occurredAt, events.id))
    .limit(limit + 1)
}

type TimelineRow = Awaited<ReturnType<typeof timelineRows>>[number]

function pageOfEvents(rows: TimelineRow[], limit: number) {
  const events = rows.slice(0, limit)
  const last = events[events.length - 1]
  return { events, next: rows.length > limit && last ? { occurredAt: last.occurredAt, id: last.id } : null }
}

export async function listTimeline(db: Db, tenantId: string, entityType: EntityType, entityId: string, opts: { limit: number; before?: TimelineCursor }) {
  return pageOfEvents(await timelineRows(db, tenantId, entityType, entityId, opts.limit, opts.before), opts.limit)
}

function beforeOf(cursor: string | undefined): TimelineCursor | undefined {
  if (!cursor) return undefined
  const [at, id] = decodeCursor(cursor)
  if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw new AppError('BAD_REQUEST', 'The cursor is not valid; start again from the first page.')
  return { occurredAt: new Date(at), id }
}

// A page of a record's history with an opaque cursor, as a query to batch with the access check
// (and whatever else the page needs), plus how to turn its rows into the page.
export function timelinePageQuery(db: Db, tenantId: string, entityType: EntityType, entityId: string, opts: { limit: number; cursor?: string }) {
  return {
    query: timelineRows(db, tenantId, entityType, entityId, opts.limit, beforeOf(opts.cursor)),
    page: (rows: TimelineRow[]) => {
      const { events, next } = pageOfEvents(rows, opts.limit)
      return { events, nextCursor: next ? encodeCursor([next.occurredAt.toISOString(), next.id]) : null }
    },
  }
}

export async function timelinePage(db: Db, tenantId: string, entityType: EntityType, entityId: string, opts: { limit: number; cursor?: string }) {
  const q = timelinePageQuery(db, tenantId, entityType, entityId, opts)
  return q.page(await q.query)
}

// A read that proves the viewer may see the record (its visibility-scoped select, not awaited).
export type AccessQuery = BatchItem<'pg'>

// A record's history page together with its access check, and optionally the workspace's member
// names for showing owner changes: one round trip. Null when the record is not visible.
export async function timelineWithAccess(db: Db, tenantId: string, entityType: EntityType, entityId: string, opts: { limit: number; cursor?: string }, access: AccessQuery) {
  const q = timelinePageQuery(db, tenantId, entityType, entityId, opts)
  const [found, rows, members] = await db.batch([access, q.query, listActiveMembers(db, tenantId)])
  if (!(found as unknown[]).length) return null
  return { ...q.page(rows), members }
}
