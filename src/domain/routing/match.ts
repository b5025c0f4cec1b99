import type { Assignee, RuleCondition } from './rules'

// The facts of a new lead that routing conditions test: lead fields by name ("country",
// "companySize", "formId", ...) and custom fields as "custom.<key>".
export type LeadFacts = Record<string, string | number | boolean | null | undefined>

export type RoutableRule = { id: string; conditions: RuleCondition[]; action: 'assign' | 'round_robin'; assignees: Assignee[]; enabled: boolean }

const text = (v: LeadFacts[string]) => (v === null || v === undefined ? '' : String(v).trim().toLowerCase())

// Text comparisons ignore case and surrounding space: "us", "US " and "Us" are one country to the
// marketer who wrote the rule. A missing fact never matches, except "between" with no bounds.
export function conditionHolds(c: RuleCondition, facts: LeadFacts): boolean {
  const value = facts[c.field]
  switch (c.op) {
    case 'equals':
      return value !== null && value !== undefined && text(value) === text(c.value)
    case 'in':
      return value !== null && value !== undefined && c.value.some((v) => text(v) === text(value))
    case 'contains':
      return text(value).includes(text(c.value))
    case 'between': {
      const n = typeof value === 'number' ? value : Number.parseFloat(text(value))
      if (Number.isNaN(n)) return false
      return (c.min === null || n >= c.min) && (c.max === null || n <= c.max)
    }
  }
}

// Rules are tried in order; the first enabled one whose conditions all hold wins. A rule with no
// conditions matches every lead (a catch-all at the end of the list).
export function firstMatchingRule<R extends RoutableRule>(rules: readonly R[], facts: LeadFacts): R | null {
  return rules.find((r) => r.enabled && r.conditions.every((c) => conditionHolds(c, facts))) ?? null
}

// The round-robin cycle with each assignee repeated by weight: [a(2), b(1)] gives a, a, b. The
// n-th lead (counter n, from 1) goes to cycle[(n - 1) % length].
export function roundRobinCycle(assignees: readonly Assignee[]): string[] {
  return assignees.flatMap((a) => Array.from({ length: a.weight }, () => a.userId))
}
