// The demo workspace's scoring rules: the starter set every new workspace gets, set up with the
// workspace, so the demo leads can be scored by the same rules a new workspace would use.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import { DEFAULT_SCORING_RULES, ruleToRow } from '../../../src/domain/scoring/engine.ts'
import { workspaceStart, type SeedContext } from './context.ts'

export function buildScoringRules(ctx: SeedContext): DemoRows['scoringRules'] {
  const at = workspaceStart(ctx)
  // A millisecond apart, so the settings page lists them in the starter set's order.
  return DEFAULT_SCORING_RULES.map((rule, i) => {
    const createdAt = new Date(at.getTime() + i)
    return { tenantId: ctx.tenantId, id: ctx.idAt(createdAt), ...ruleToRow(rule), createdAt, updatedAt: createdAt }
  })
}
