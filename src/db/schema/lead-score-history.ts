import { sql } from 'drizzle-orm'
import { check, date, foreignKey, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core'
import { leads } from './leads'
import { tenants } from './tenants'

// A lead's score at the end of each day it was recomputed (UTC day): the lead page's sparkline.
// One row per lead per day, upserted by the scoring job, so the table grows by at most one row
// per lead per day.
export const leadScoreHistory = pgTable(
  'lead_score_history',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    leadId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    score: integer().notNull(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.leadId, t.day] }),
    foreignKey({ name: 'lead_score_history_lead_fk', columns: [t.tenantId, t.leadId], foreignColumns: [leads.tenantId, leads.id] }).onDelete('cascade'),
    check('lead_score_history_score_valid', sql`${t.score} between 0 and 100`),
  ],
)
