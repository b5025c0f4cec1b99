import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { ACTIVITY_TYPES, ALL_ACTIVITY_OUTCOMES, type ActivityType } from '../../domain/records/vocab'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { recordColumns, msTimestamp } from './columns'
import { memberKey } from './keys'
import { relatedColumns, relatedConstraints } from './related'
import { tenants } from './tenants'

// Calls, emails and meetings that happened, logged on exactly one record with their outcome.
export const activities = pgTable(
  'activities',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    type: text().$type<ActivityType>().notNull(),
    outcome: text().notNull(),
    subject: text().notNull(),
    body: text(),
    occurredAt: msTimestamp().notNull().defaultNow(),
    durationMinutes: integer(),
    ...relatedColumns(),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('activities_created_by_fk', t.tenantId, t.createdBy),
    ...relatedConstraints('activities', t, { required: true, sortColumn: t.occurredAt }),
    check('activities_type_valid', sql`${t.type} in ${sqlLiteralList(ACTIVITY_TYPES)}`),
    check('activities_outcome_valid', sql`${t.outcome} in ${sqlLiteralList(ALL_ACTIVITY_OUTCOMES)}`),
    check('activities_duration_positive', sql`${t.durationMinutes} > 0`),
    index('activities_created_idx').on(t.tenantId, t.occurredAt.desc(), t.id.desc()),
  ],
)
