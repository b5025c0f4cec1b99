import type { Assignee, RuleCondition, SampleLead } from './rules'

// The facts of a new lead that routing conditions test: lead fields by name ("country",
// "companySize", "formId", ...) and custom fields as "custom.<key>".
export type LeadFacts = Record<string, string | number | boolean | null | undefined>

export type RoutableRule = { id: string; conditions: RuleCondition[]; action: 'assign' | 'round_robin'; assignees: Assignee[]; enabled: boolean }

// Compatibility form: "Straße" and "STRASSE", "é" typed composed or decomposed, " us " and "US"
// are each one value to the marketer who wrote the rule.
const text = (v: LeadFacts[string]) => (v === null || v === undefined ? '' : String(v).normalize('NFKC').trim().toUpperCase().toLowerCase())

// Numbers as typed, or the lower end of a range: a company size of "51-200" counts as 51 and
// "5000+" as 5000.
const numberOf = (v: LeadFacts[string]) => (typeof v === 'number' ? v : Number.parseFloat(text(v)))

// Text comparisons ignore case and surrounding space. A missing fact matches no condition.
export function conditionHolds(c: RuleCondition, facts: LeadFacts): boolean {
  const value = facts[c.field]
  if (value === null || value === undefined) return false
  switch (c.op) {
    case 'equals':
      return text(value) === text(c.value)
    case 'in':
      return c.value.some((v) => text(v) === text(value))
    case 'contains':
      return text(value).includes(text(c.value))
    case 'between': {
      const n = numberOf(value)
      if (!Number.isFinite(n)) return false
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

// Who takes the next turn when `turnsTaken` leads have gone round the cycle so far.
export const nextInCycle = (cycle: readonly string[], turnsTaken: number): string | null => cycle[turnsTaken % cycle.length] ?? null

// What routing will do for a lead: the matching rule (if any) and either the owner it names or
// the round-robin cycle to take a turn in. Only active members are ever chosen: a rule whose
// people have all left falls through to the workspace's default owner, and so does no rule.
export type RoutingDecision<R> = { kind: 'owner'; rule: R | null; ownerId: string; byRule: boolean } | { kind: 'round_robin'; rule: R; cycle: string[] } | { kind: 'none'; rule: R | null }

export function decideRouting<R extends RoutableRule>(rules: readonly R[], facts: LeadFacts, active: ReadonlySet<string>, defaultOwnerId: string | null): RoutingDecision<R> {
  const rule = firstMatchingRule(rules, facts)
  const people = rule ? rule.assignees.filter((a) => active.has(a.userId)) : []
  if (rule?.action === 'assign' && people[0]) return { rule, kind: 'owner', ownerId: people[0].userId, byRule: true }
  if (rule?.action === 'round_robin' && people.length) return { rule, kind: 'round_robin', cycle: roundRobinCycle(people) }
  if (defaultOwnerId && active.has(defaultOwnerId)) return { rule, kind: 'owner', ownerId: defaultOwnerId, byRule: false }
  return { rule, kind: 'none' }
}

// A sample lead's facts as a captured lead's: custom fields become "custom.<key>".
export function sampleLeadFacts({ custom, ...fields }: SampleLead): LeadFacts {
  return { ...fields, ...Object.fromEntries(Object.entries(custom ?? {}).map(([k, v]) => [`custom.${k}`, v])) }
}
