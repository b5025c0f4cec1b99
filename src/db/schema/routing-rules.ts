import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import type { Assignee, RuleCondition } from '../../domain/routing/rules'
import { newId } from '../../lib/ids'
import { msTimestamp } from './columns'
import { tenants } from './tenants'

// A workspace's ordered lead routing rules: the first enabled rule whose conditions all hold
// picks the owner. Conditions and assignees are JSON validated by src/domain/routing/rules.ts.
// `rr_counter` is the round-robin position, advanced by one UPDATE ... RETURNING per new lead,
// so concurrent leads each get their own turn.
export const routingRules = pgTable(
  'routing_rules',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    position: integer().notNull(),
    name: text().notNull(),
    conditions: jsonb().$type<RuleCondition[]>().notNull().default([]),
    action: text({ enum: ['assign', 'round_robin'] }).notNull(),
    assignees: jsonb().$type<Assignee[]>().notNull(),
    rrCounter: bigint({ mode: 'number' }).notNull().default(0),
    enabled: boolean().notNull().default(true),
    createdAt: msTimestamp().notNull().defaultNow(),
    updatedAt: msTimestamp().notNull().defaultNow(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('routing_rules_position_idx').on(t.tenantId, t.position),
    check('routing_rules_action_valid', sql`${t.action} in ('assign', 'round_robin')`),
  ],
)
