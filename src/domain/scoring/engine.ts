import { isFreeMail } from '../leads/company-domain'
import { ACCOUNT_SIZES } from '../records/vocab'
import { MAX_SCORE, ScoringRuleInput, type FitCondition, type ScoringRule, type ThresholdRule } from './rules'
import type { EngagementEvent, ScoreLine, ScoreResult, ScoringLead } from './types'

// The lead scoring engine: pure functions of a lead, its engagement events, the workspace's rules
// and "now". Queries and jobs gather the inputs and store the result; nothing here does I/O.

const DAY_MS = 86_400_000

const text = (v: string | null) => v?.trim().toLowerCase() ?? ''

// Whether a fit condition holds for the lead. Text compares case-insensitively. A field the lead
// has not filled in matches only nothing: "industry not in [Retail]" says nothing about a lead
// whose industry is unknown, so it earns (or costs) no points.
function fitMatches(condition: FitCondition, lead: ScoringLead): boolean {
  if (condition.op === 'businessEmail') {
    const domain = text(lead.emailDomain)
    return domain !== '' && !isFreeMail(domain)
  }
  const value = text(lead[condition.field])
  if (value === '') return false
  switch (condition.op) {
    case 'isSet':
      return true
    case 'in':
      return condition.values.some((v) => v.toLowerCase() === value)
    case 'notIn':
      return !condition.values.some((v) => v.toLowerCase() === value)
    case 'contains':
      return value.includes(condition.value.toLowerCase())
    case 'atLeast': {
      const size = ACCOUNT_SIZES.findIndex((s) => s === value)
      return size >= 0 && size >= ACCOUNT_SIZES.indexOf(condition.value)
    }
  }
}

// What one event is worth today: its points halved for every half-life since it happened. An
// event dated in the future (clock skew) counts as happening now.
function decayedPoints(points: number, halfLifeDays: number | null, at: Date, now: Date): number {
  if (halfLifeDays === null) return points
  const ageDays = Math.max(0, now.getTime() - at.getTime()) / DAY_MS
  return points * 0.5 ** (ageDays / halfLifeDays)
}

// Contributions are summed as whole hundredths of a point. Floating-point addition is not
// associative, so summing raw fractions could give a different total (and, at a .5 boundary, a
// different score) depending on the order the events arrive in; integers add up the same in
// any order.
const hundredths = (points: number) => Math.round(points * 100)

export function scoreLead(lead: ScoringLead, events: EngagementEvent[], rules: ScoringRule[], now: Date): ScoreResult {
  let total = 0
  const breakdown: ScoreLine[] = []
  for (const rule of rules) {
    if (!rule.enabled || rule.kind === 'threshold') continue
    let sum = 0
    let count: number | undefined
    if (rule.kind === 'fit') {
      if (fitMatches(rule.condition, lead)) sum = hundredths(rule.points)
    } else {
      count = 0
      for (const event of events) {
        if (event.signal !== rule.signal) continue
        count++
        sum += hundredths(decayedPoints(rule.points, rule.halfLifeDays, event.at, now))
      }
    }
    total += sum
    const points = Math.round(sum / 10) / 10
    if (points !== 0) breakdown.push({ ruleId: rule.id, name: rule.name, kind: rule.kind, points, ...(count === undefined ? {} : { count }) })
  }
  breakdown.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || compare(a.name, b.name) || compare(a.ruleId, b.ruleId))
  return { score: Math.min(MAX_SCORE, Math.max(0, Math.round(total / 100))), breakdown }
}

// Code-point order: the same on every runtime, unlike localeCompare.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// The enabled thresholds a score has reached, lowest first.
export function reachedThresholds(score: number, rules: ScoringRule[]): ThresholdRule[] {
  return rules
    .filter((r): r is ThresholdRule => r.kind === 'threshold' && r.enabled && r.minScore <= score)
    .sort((a, b) => a.minScore - b.minScore || compare(a.name, b.name) || compare(a.id, b.id))
}

// A scoring_rules row as queries read it.
export type RuleRow = { id: string; kind: string; name: string; definition: Record<string, unknown>; enabled: boolean }

// A stored row as a rule. The columns win over anything the JSON document says, and a row that no
// longer validates (say, written before a rule shape changed) is left out rather than guessed at.
export function ruleFromRow(row: RuleRow): ScoringRule | null {
  const parsed = ScoringRuleInput.safeParse({ ...row.definition, kind: row.kind, name: row.name, enabled: row.enabled })
  return parsed.success ? { ...parsed.data, id: row.id } : null
}

// A rule as table columns: kind, name and enabled in their own, the rest in the definition.
export function ruleToRow(input: ScoringRuleInput): { kind: ScoringRuleInput['kind']; name: string; enabled: boolean; definition: Record<string, unknown> } {
  const { kind, name, enabled, ...definition } = input
  return { kind, name, enabled, definition }
}

// The rules every new workspace starts with: enough to tell a good lead from a cold one on day
// one, and examples of each kind to edit.
export const DEFAULT_SCORING_RULES: ScoringRuleInput[] = [
  { kind: 'fit', name: 'Title contains VP', points: 15, condition: { op: 'contains', field: 'title', value: 'VP' }, enabled: true },
  { kind: 'fit', name: 'Title contains Director', points: 15, condition: { op: 'contains', field: 'title', value: 'Director' }, enabled: true },
  { kind: 'fit', name: 'Title contains Head of', points: 15, condition: { op: 'contains', field: 'title', value: 'Head of' }, enabled: true },
  { kind: 'fit', name: 'Work email address', points: 10, condition: { op: 'businessEmail' }, enabled: true },
  { kind: 'fit', name: 'Company of 51 or more people', points: 15, condition: { op: 'atLeast', field: 'companySize', value: '51-200' }, enabled: true },
  { kind: 'fit', name: 'Target industry', points: 10, condition: { op: 'in', field: 'industry', values: ['Software', 'Technology', 'Financial services', 'Professional services'] }, enabled: true },
  { kind: 'engagement', name: 'Submitted a form', points: 20, signal: 'form_submitted', halfLifeDays: 30, enabled: true },
  { kind: 'engagement', name: 'Replied to an email', points: 15, signal: 'email_replied', halfLifeDays: 14, enabled: true },
  { kind: 'engagement', name: 'Had a meeting', points: 25, signal: 'meeting_held', halfLifeDays: 30, enabled: true },
  { kind: 'engagement', name: 'Took a call', points: 10, signal: 'call_connected', halfLifeDays: 14, enabled: true },
  { kind: 'threshold', name: 'MQL', minScore: 60, setStatus: 'qualified', assignTo: null, notifyOwner: true, enabled: true },
]
