import type { ScoringRule } from './rules'
import type { ScoreLine } from './types'

// One line of "why this score", as people read it: "+15 Title contains VP", or for engagement
// "+9.5 Replied to an email ×2 (fading)". Fading means the rule's half-life has already taken
// points off (the rule is looked up in the workspace's current rules; a deleted one shows none).
export function scoreLineText(line: ScoreLine, rules: readonly ScoringRule[] = []): string {
  const sign = line.points > 0 ? '+' : line.points < 0 ? '−' : ''
  const times = line.count !== undefined && line.count > 1 ? ` ×${line.count}` : ''
  const rule = rules.find((r) => r.id === line.ruleId)
  const full = rule?.kind === 'engagement' && rule.halfLifeDays !== null ? rule.points * (line.count ?? 1) : null
  const fading = full !== null && Math.abs(line.points) < Math.abs(full) - 0.05 ? ' (fading)' : ''
  return `${sign}${Math.abs(line.points)} ${line.name}${times}${fading}`
}
