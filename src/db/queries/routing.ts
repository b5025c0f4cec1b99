import { and, eq, isNull, sql } from 'drizzle-orm'
import { decideRouting, nextInCycle, type LeadFacts, type RoutingDecision } from '../../domain/routing/match'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { activityEvents, leads, memberships, routingRules, tenants } from '../schema'
import { ruleOrder } from './routing-rules'

// Routing a new lead to its owner: read the enabled rules, the default owner and which of the
// people they name are still active (one batch), decide in JS (src/domain/routing/match.ts), then
// write the owner with its timeline event in one statement. Two round trips per lead.

const stateColumns = { id: routingRules.id, name: routingRules.name, conditions: routingRules.conditions, action: routingRules.action, assignees: routingRules.assignees, enabled: routingRules.enabled, rrCounter: routingRules.rrCounter }

// Active members among the people that enabled rules and the default owner name, not every member.
const namedPeople = (tenantId: string) => sql`(
  select (a.value ->> 'userId')::uuid from ${routingRules} r cross join jsonb_array_elements(r.assignees) a where r.tenant_id = ${tenantId} and r.enabled
  union all select default_lead_owner_id from ${tenants} where id = ${tenantId})`

const routingStateQueries = (db: Db, tenantId: string) =>
  [
    db
      .select(stateColumns)
      .from(routingRules)
      .where(and(eq(routingRules.tenantId, tenantId), eq(routingRules.enabled, true)))
      .orderBy(...ruleOrder),
    db.select({ userId: tenants.defaultLeadOwnerId }).from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), isNull(memberships.deactivatedAt), sql`${memberships.userId} in ${namedPeople(tenantId)}`)),
  ] as const

type RuleState = Awaited<ReturnType<typeof routingStateQueries>[0]>[number]

async function decide(db: Db, tenantId: string, facts: LeadFacts): Promise<RoutingDecision<RuleState>> {
  const [rules, [tenant], members] = await db.batch(routingStateQueries(db, tenantId))
  return decideRouting(rules, facts, new Set(members.map((m) => m.userId)), tenant?.userId ?? null)
}

// The owner routing would give a lead with these facts now, and the rule that decided it, without
// taking a round-robin turn: the settings page's and the API's preview.
export async function previewRouting(db: Db, tenantId: string, facts: LeadFacts): Promise<{ rule: { id: string; name: string } | null; ownerId: string | null; byRule: boolean }> {
  const d = await decide(db, tenantId, facts)
  const rule = d.rule && { id: d.rule.id, name: d.rule.name }
  if (d.kind === 'owner') return { rule, ownerId: d.ownerId, byRule: d.byRule }
  if (d.kind === 'round_robin') return { rule, ownerId: nextInCycle(d.cycle, d.rule.rrCounter), byRule: true }
  return { rule, ownerId: null, byRule: false }
}

// Sets a new lead's owner as routing decides, returning it (null: the lead stays unassigned). Only
// a lead that has no owner yet is touched. A round-robin rule's turn is taken by the same
// statement that writes the owner: concurrent leads each advance the counter once (the UPDATE
// locks the rule's row), so turns go round fairly however many arrive at once.
export async function assignRoutedOwner(db: Db, tenantId: string, leadId: string, facts: LeadFacts): Promise<string | null> {
  const d = await decide(db, tenantId, facts)
  if (d.kind === 'none') return null
  const unowned = and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), isNull(leads.ownerId))
  // The decided person, if still active as this runs; or the next turn, taken only for a lead that
  // is there to receive it (turn n goes to cycle[n], 1-based as SQL arrays are).
  const chosen =
    d.kind === 'owner'
      ? sql`chosen as (select ${d.ownerId}::uuid as owner_id where exists (select 1 from ${memberships} m where m.tenant_id = ${tenantId} and m.user_id = ${d.ownerId}::uuid and m.deactivated_at is null))`
      : sql`turn as (update ${routingRules} set rr_counter = rr_counter + 1 where tenant_id = ${tenantId} and id = ${d.rule.id}::uuid and exists (select 1 from ${leads} where ${unowned}) returning rr_counter),
          chosen as (select (${`{${d.cycle.join(',')}}`}::uuid[])[(((rr_counter - 1) % ${d.cycle.length}) + 1)::int] as owner_id from turn)`
  // The timeline names the rule; null stands for the workspace's default owner.
  const ruleName = d.kind === 'round_robin' || d.byRule ? (d.rule?.name ?? null) : null
  const payload = sql`jsonb_build_object('changes', jsonb_build_object('ownerId', jsonb_build_object('from', null, 'to', assigned.owner_id)), 'routingRule', ${ruleName}::text)`
  const result = await db.execute<{ owner_id: string }>(sql`
    with ${chosen},
    assigned as (update ${leads} set owner_id = chosen.owner_id, updated_at = now() from chosen where ${unowned} returning ${leads.ownerId} as owner_id),
    event as (insert into ${activityEvents} (tenant_id, id, entity_type, entity_id, event_type, actor_user_id, occurred_at, payload)
      select ${tenantId}::uuid, ${newId()}::uuid, 'lead', ${leadId}::uuid, 'owner_changed', null, now(), ${payload} from assigned)
    select owner_id from assigned`)
  return result.rows[0]?.owner_id ?? null
}
