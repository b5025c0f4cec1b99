import { sql } from 'drizzle-orm'
import { boolean, check, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { msTimestamp } from './columns'
import { tenants } from './tenants'

// A workspace's lead scoring rules (src/domain/scoring/rules.ts). The rule's own settings (points,
// condition, signal and half-life, or threshold actions) are one JSON document validated by the
// rule's zod schema on every write, so adding an operator needs no migration.
export const scoringRules = pgTable(
  'scoring_rules',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    kind: text({ enum: ['fit', 'engagement', 'threshold'] }).notNull(),
    name: text().notNull(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    enabled: boolean().notNull().default(true),
    createdAt: msTimestamp().notNull().defaultNow(),
    updatedAt: msTimestamp().notNull().defaultNow(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('scoring_rules_tenant_idx').on(t.tenantId, t.kind, t.createdAt),
    check('scoring_rules_kind_valid', sql`${t.kind} in ('fit', 'engagement', 'threshold')`),
  ],
)
