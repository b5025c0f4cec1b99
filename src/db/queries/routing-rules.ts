import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { RoutingRule, RoutingRuleInput } from '../../domain/routing/rules'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { forms, memberships, routingRules, tenants } from '../schema'

// A workspace's lead routing rules in their order, and its default lead owner. Routing a lead
// with them is src/db/queries/routing.ts.

const columns = {
  id: routingRules.id,
  position: routingRules.position,
  name: routingRules.name,
  conditions: routingRules.conditions,
  action: routingRules.action,
  assignees: routingRules.assignees,
  enabled: routingRules.enabled,
}

const byId = (tenantId: string, id: string) => and(eq(routingRules.tenantId, tenantId), eq(routingRules.id, id))

// Rules added at the same moment can share a position; creation order settles the tie.
export const ruleOrder = [asc(routingRules.position), asc(routingRules.createdAt), asc(routingRules.id)]

export const listRoutingRulesQuery = (db: Db, tenantId: string) => db.select(columns).from(routingRules).where(eq(routingRules.tenantId, tenantId)).orderBy(...ruleOrder)

export const listRoutingRules = (db: Db, tenantId: string): Promise<RoutingRule[]> => listRoutingRulesQuery(db, tenantId)

export async function getRoutingRule(db: Db, tenantId: string, id: string): Promise<RoutingRule | null> {
  const [row] = await db.select(columns).from(routingRules).where(byId(tenantId, id))
  return row ?? null
}

// A new rule goes to the end of the list.
export async function createRoutingRule(db: Db, tenantId: string, input: RoutingRuleInput): Promise<RoutingRule> {
  const [row] = await db
    .insert(routingRules)
    .values({ tenantId, id: newId(), ...input, position: sql`(select coalesce(max(position), 0) + 1 from ${routingRules} where tenant_id = ${tenantId})` })
    .returning(columns)
  if (!row) throw new Error('insert returned no row')
  return row
}

// Replaces the rule's settings; its place in the list and its round-robin turn stay.
export async function updateRoutingRule(db: Db, tenantId: string, id: string, input: RoutingRuleInput): Promise<RoutingRule | null> {
  const [row] = await db
    .update(routingRules)
    .set({ ...input, updatedAt: sql`now()` })
    .where(byId(tenantId, id))
    .returning(columns)
  return row ?? null
}

export async function setRoutingRuleEnabled(db: Db, tenantId: string, id: string, enabled: boolean): Promise<boolean> {
  const rows = await db.update(routingRules).set({ enabled, updatedAt: sql`now()` }).where(byId(tenantId, id)).returning({ id: routingRules.id })
  return rows.length > 0
}

export async function deleteRoutingRule(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.delete(routingRules).where(byId(tenantId, id)).returning({ id: routingRules.id })
  return rows.length > 0
}

// Swaps a rule with its neighbour above or below, in one statement that also renumbers the list
// 1..n (so rules sharing a position still move). At either end it changes nothing. False when the
// workspace has no such rule.
export async function moveRoutingRule(db: Db, tenantId: string, id: string, direction: 'up' | 'down'): Promise<boolean> {
  const step = direction === 'up' ? -1 : 1
  const result = await db.execute(sql`
    with ordered as (
      select id, row_number() over (order by position, created_at, id) as n from ${routingRules} where tenant_id = ${tenantId}
    ), me as (
      select n, greatest(1, least((select count(*) from ordered), n + ${step})) as target from ordered where id = ${id}::uuid
    )
    update ${routingRules} r
    set position = case when o.id = ${id}::uuid then me.target when o.n = me.target then me.n else o.n end
    from ordered o, me
    where r.tenant_id = ${tenantId} and r.id = o.id
    returning r.id`)
  return result.rows.length > 0
}

// Puts the rules in the given order: `ids` must be every rule of the workspace, once (the caller
// checks that against listRoutingRules). One statement, so the list is never half reordered.
export async function reorderRoutingRules(db: Db, tenantId: string, ids: string[]): Promise<void> {
  await db.execute(sql`
    update ${routingRules} r set position = v.n, updated_at = now()
    from unnest(${`{${ids.join(',')}}`}::uuid[]) with ordinality as v(id, n)
    where r.tenant_id = ${tenantId} and r.id = v.id`)
}

export const defaultOwnerQuery = (db: Db, tenantId: string) => db.select({ userId: tenants.defaultLeadOwnerId }).from(tenants).where(eq(tenants.id, tenantId))

// Sets the owner of leads no rule matches, only if they are an active member (false otherwise);
// null leaves such leads unassigned.
export async function setDefaultOwner(db: Db, tenantId: string, userId: string | null): Promise<boolean> {
  const member = userId === null ? sql`true` : sql`exists (select 1 from ${memberships} where ${and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt))})`
  const rows = await db
    .update(tenants)
    .set({ defaultLeadOwnerId: userId, updatedAt: sql`now()` })
    .where(and(eq(tenants.id, tenantId), member))
    .returning({ id: tenants.id })
  return rows.length > 0
}

// The workspace's live forms, which a rule's "Form is" condition and the preview choose from.
export const formOptionsQuery = (db: Db, tenantId: string) =>
  db
    .select({ id: forms.id, name: forms.name })
    .from(forms)
    .where(and(eq(forms.tenantId, tenantId), isNull(forms.archivedAt)))
    .orderBy(asc(forms.name))

// Which of these people are members of the workspace, and whether each is still active.
export const membersAmong = (db: Db, tenantId: string, userIds: string[]) =>
  db
    .select({ userId: memberships.userId, active: sql<boolean>`${memberships.deactivatedAt} is null` })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, userIds.length ? userIds : [NO_ONE])))

const NO_ONE = '00000000-0000-0000-0000-000000000000'
