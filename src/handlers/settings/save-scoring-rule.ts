import { listActiveMembers } from '../../db/queries/records/columns'
import { createRule, updateRule } from '../../db/queries/scoring-rules'
import type { Db } from '../../db/client'
import type { ScoringRule, ScoringRuleInput } from '../../domain/scoring/rules'
import { AppError } from '../../lib/errors'

// Saves a validated rule, new (no id) or in place of an existing one, for the settings page and
// the API alike. A threshold's assignee must be an active member of this workspace, which the
// schema alone cannot know: a lead routed to someone who left would sit unworked.
export async function saveScoringRule(db: Db, tenantId: string, input: ScoringRuleInput, id?: string): Promise<ScoringRule> {
  if (input.kind === 'threshold' && input.assignTo) {
    const members = await listActiveMembers(db, tenantId)
    if (!members.some((m) => m.id === input.assignTo)) throw new AppError('VALIDATION', 'Some fields need attention.', [{ path: 'assignTo', message: 'Choose an active member of this workspace.' }])
  }
  if (id === undefined) return createRule(db, tenantId, input)
  const saved = await updateRule(db, tenantId, id, input)
  if (!saved) throw new AppError('NOT_FOUND', 'No such scoring rule in this workspace.')
  return saved
}
