import type { Db } from '../../db/client'
import { createRoutingRule, membersAmong, updateRoutingRule } from '../../db/queries/routing-rules'
import type { RoutingRule, RoutingRuleInput } from '../../domain/routing/rules'
import { AppError } from '../../lib/errors'

// Saves a validated rule, new (no `existing`) or in place of one, for the settings page and the
// API alike. Its people must be active members of this workspace, which the schema alone cannot
// know; someone already on the stored rule who has since been deactivated may stay (routing skips
// them), so switching a rule off never fails because a colleague left.
export async function saveRoutingRule(db: Db, tenantId: string, input: RoutingRuleInput, existing?: RoutingRule): Promise<RoutingRule> {
  const members = new Map((await membersAmong(db, tenantId, input.assignees.map((a) => a.userId))).map((m) => [m.userId, m.active]))
  const kept = new Set(existing?.assignees.map((a) => a.userId))
  const errors = input.assignees.flatMap((a, i) => (members.get(a.userId) || (members.has(a.userId) && kept.has(a.userId)) ? [] : [{ path: `assignees.${i}.userId`, message: 'Choose an active member of this workspace.' }]))
  if (errors.length) throw new AppError('VALIDATION', 'Some fields need attention.', errors)
  if (!existing) return createRoutingRule(db, tenantId, input)
  const saved = await updateRoutingRule(db, tenantId, existing.id, input)
  if (!saved) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
  return saved
}

export const NO_SUCH_RULE = 'No such routing rule in this workspace.'
