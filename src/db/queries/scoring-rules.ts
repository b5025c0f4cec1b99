import { and, asc, eq, sql } from 'drizzle-orm'
import { DEFAULT_SCORING_RULES, ruleFromRow, ruleToRow, type RuleRow } from '../../domain/scoring/engine'
import type { ScoringRule, ScoringRuleInput } from '../../domain/scoring/rules'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { scoringRules } from '../schema'

// A workspace's lead scoring rules. Rows hold the rule as columns plus a JSON definition; these
// functions hand out parsed rules (src/domain/scoring/engine.ts ruleFromRow), never raw rows.

const columns = { id: scoringRules.id, kind: scoringRules.kind, name: scoringRules.name, definition: scoringRules.definition, enabled: scoringRules.enabled }

export const rulesFromRows = (rows: RuleRow[]): ScoringRule[] => rows.flatMap((r) => ruleFromRow(r) ?? [])

const byId = (tenantId: string, id: string) => and(eq(scoringRules.tenantId, tenantId), eq(scoringRules.id, id))

// Oldest first: a workspace has a handful of rules, and the settings page groups them by kind.
export const listRulesQuery = (db: Db, tenantId: string) => db.select(columns).from(scoringRules).where(eq(scoringRules.tenantId, tenantId)).orderBy(asc(scoringRules.createdAt), asc(scoringRules.id))

export const listRules = async (db: Db, tenantId: string): Promise<ScoringRule[]> => rulesFromRows(await listRulesQuery(db, tenantId))

// The rules scoring uses, unawaited so a recompute can read them in one batch with the lead's
// inputs; turn the rows into rules with rulesFromRows.
export const enabledRulesQuery = (db: Db, tenantId: string) =>
  db
    .select(columns)
    .from(scoringRules)
    .where(and(eq(scoringRules.tenantId, tenantId), eq(scoringRules.enabled, true)))
    .orderBy(asc(scoringRules.createdAt), asc(scoringRules.id))

export const listEnabledRules = async (db: Db, tenantId: string): Promise<ScoringRule[]> => rulesFromRows(await enabledRulesQuery(db, tenantId))

export async function getRule(db: Db, tenantId: string, id: string): Promise<ScoringRule | null> {
  const [row] = await db.select(columns).from(scoringRules).where(byId(tenantId, id))
  return row ? ruleFromRow(row) : null
}

export async function createRule(db: Db, tenantId: string, input: ScoringRuleInput): Promise<ScoringRule> {
  const id = newId()
  await db.insert(scoringRules).values({ tenantId, id, ...ruleToRow(input) })
  return { ...input, id }
}

// Replaces the whole rule (the caller has merged any partial change and validated the result).
export async function updateRule(db: Db, tenantId: string, id: string, input: ScoringRuleInput): Promise<ScoringRule | null> {
  const rows = await db
    .update(scoringRules)
    .set({ ...ruleToRow(input), updatedAt: sql`now()` })
    .where(byId(tenantId, id))
    .returning({ id: scoringRules.id })
  return rows.length ? { ...input, id } : null
}

// Switches a rule on or off without touching (or re-validating) the rest of it.
export async function setRuleEnabled(db: Db, tenantId: string, id: string, enabled: boolean): Promise<boolean> {
  const rows = await db.update(scoringRules).set({ enabled, updatedAt: sql`now()` }).where(byId(tenantId, id)).returning({ id: scoringRules.id })
  return rows.length > 0
}

export async function deleteRule(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.delete(scoringRules).where(byId(tenantId, id)).returning({ id: scoringRules.id })
  return rows.length > 0
}

// The insert that gives a new workspace its starter rules, for the workspace-creation batch. One
// statement, so every rule gets the same created_at and the ids (UUIDv7, made in list order)
// keep the list in the order DEFAULT_SCORING_RULES gives it.
export const defaultScoringRulesStatement = (db: Db, tenantId: string) => db.insert(scoringRules).values(DEFAULT_SCORING_RULES.map((r) => ({ tenantId, ...ruleToRow(r) })))
