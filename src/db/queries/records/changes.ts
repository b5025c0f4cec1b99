import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { STATUS_HISTORY_ENTITIES } from '../../schema/customer-status-history'
import type { FieldDiff } from '../../../domain/timeline/diff'
import type { EntityType, EventType } from '../../../domain/timeline/entities'
import { newId } from '../../../lib/ids'
import type { Db } from '../../client'
import { activityEvents, customerStatusHistory } from '../../schema'

// Writes that must commit with a record change, and only if the change itself happened.
//
// An update is guarded by the row's updated_at as read (optimistic concurrency) and stamps a new
// updated_at of our own. The statements that follow it in the same db.batch are conditioned on
// that stamp being there, so if the guarded update matched nothing (someone else changed the
// record first) the batch writes nothing at all, and the caller reports a conflict.

type Stampable = { tenantId: AnyColumn; id: AnyColumn; updatedAt: AnyColumn }

// True inside the batch once our update has applied.
export const stamped = (table: PgTable & Stampable, tenantId: string, id: string, stamp: Date): SQL =>
  sql`exists (select 1 from ${table} where ${and(eq(table.tenantId, tenantId), eq(table.id, id), eq(table.updatedAt, stamp))})`

export type EventWrite = { entityType: EntityType; entityId: string; eventType: EventType; actorUserId: string | null; payload: Record<string, unknown> }

// The timeline event, inserted only when `condition` holds (pass sql`true` for inserts, whose
// failure already fails the batch).
export const eventWhen = (db: Db, tenantId: string, e: EventWrite, condition: SQL) =>
  db
    .insert(activityEvents)
    .select(
      sql`select ${tenantId}::uuid, ${newId()}::uuid, ${e.entityType}, ${e.entityId}::uuid, ${e.eventType}, ${e.actorUserId}::uuid, now(), ${JSON.stringify(e.payload)}::jsonb where ${condition}`,
    )

type HistoryEntity = (typeof STATUS_HISTORY_ENTITIES)[number]

// customer_status_history rows for the status and stage fields a diff touches.
export function historyWhen(db: Db, tenantId: string, entityType: HistoryEntity, entityId: string, actorUserId: string | null, diff: FieldDiff, condition: SQL) {
  const rows = (['status', 'stageId'] as const).flatMap((field) => {
    const change = diff[field]
    if (!change) return []
    const name = field === 'stageId' ? 'stage' : 'status'
    return [
      db
        .insert(customerStatusHistory)
        .select(
          sql`select ${tenantId}::uuid, ${newId()}::uuid, ${entityType}, ${entityId}::uuid, ${name}, ${change.from === null ? null : String(change.from)}, ${String(change.to)}, ${actorUserId}::uuid, now() where ${condition}`,
        ),
    ]
  })
  return rows
}
