import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { ENTITY_TYPES, EVENT_TYPES } from '../../domain/timeline/entities'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { tenants } from './tenants'

// The append-only timeline of every record. A trigger (migration 0005) rejects UPDATE, DELETE
// and TRUNCATE, so history cannot be rewritten. Each event is written in the same db.batch as
// the change it records, so the two commit or fail together.
export const activityEvents = pgTable(
  'activity_events',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    entityType: text({ enum: ENTITY_TYPES }).notNull(),
    entityId: uuid().notNull(),
    eventType: text({ enum: EVENT_TYPES }).notNull(),
    // Null for changes made by the system (imports, cron jobs).
    actorUserId: uuid(),
    // Millisecond precision, like the JS Date that carries it in keyset cursors: a microsecond
    // timestamp truncated in a cursor would skip events within the same millisecond.
    occurredAt: timestamp({ withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('activity_events_entity_idx').on(t.tenantId, t.entityType, t.entityId, t.occurredAt.desc(), t.id.desc()),
    check('activity_events_entity_type_valid', sql`${t.entityType} in ${sqlLiteralList(ENTITY_TYPES)}`),
    check('activity_events_event_type_valid', sql`${t.eventType} in ${sqlLiteralList(EVENT_TYPES)}`),
  ],
)
