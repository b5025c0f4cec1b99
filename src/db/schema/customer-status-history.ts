import { sql } from 'drizzle-orm'
import { check, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { createdAt } from './columns'
import { tenants } from './tenants'

export const STATUS_HISTORY_FIELDS = ['status', 'stage'] as const
export const STATUS_HISTORY_ENTITIES = ['account', 'contact', 'lead', 'opportunity'] as const

// Every lifecycle, qualification or stage change, as rows that reports can aggregate (time in
// stage, conversion rates) without parsing timeline payloads. Written in the same batch as the
// change. For stages, from/to hold stage ids.
export const customerStatusHistory = pgTable(
  'customer_status_history',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    entityType: text({ enum: STATUS_HISTORY_ENTITIES }).notNull(),
    entityId: uuid().notNull(),
    field: text({ enum: STATUS_HISTORY_FIELDS }).notNull(),
    fromValue: text(),
    toValue: text().notNull(),
    changedBy: uuid(),
    changedAt: createdAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('customer_status_history_entity_idx').on(t.tenantId, t.entityType, t.entityId, t.changedAt),
    check('customer_status_history_entity_valid', sql`${t.entityType} in ${sqlLiteralList(STATUS_HISTORY_ENTITIES)}`),
    check('customer_status_history_field_valid', sql`${t.field} in ${sqlLiteralList(STATUS_HISTORY_FIELDS)}`),
  ],
)
