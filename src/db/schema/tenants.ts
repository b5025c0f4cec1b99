import { sql } from 'drizzle-orm'
import { check, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { RECORD_VISIBILITY, type RecordVisibility } from '../../domain/records/vocab'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { createdAt, updatedAt } from './columns'

// A workspace. Every other table carries tenant_id and references this one.
export const tenants = pgTable(
  'tenants',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    name: text().notNull(),
    // Whether reps see all records or only their own; loaded with the session on every request.
    recordVisibility: text().$type<RecordVisibility>().notNull().default('all'),
    // Used to read phone numbers typed without a country code, and for new deals.
    defaultCountry: text().notNull().default('US'),
    defaultCurrency: text().notNull().default('USD'),
    // IANA zone name; the daily digest's clock for members who have not set their own.
    timezone: text().notNull().default('UTC'),
    // Owner of new leads that no routing rule matches; null leaves them unassigned. Checked to be
    // an active member when routing, not by a foreign key (memberships references tenants).
    defaultLeadOwnerId: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [check('tenants_record_visibility_valid', sql`${t.recordVisibility} in ${sqlLiteralList(RECORD_VISIBILITY)}`)],
)
