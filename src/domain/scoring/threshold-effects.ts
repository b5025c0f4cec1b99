import type { ThresholdRule } from './rules'

// What reaching thresholds does to a lead, decided from what the recompute read. The write that
// applies these re-checks each rule against the stored list of reached thresholds, so a crossing
// another run has already acted on does nothing twice.

// Only a lead nobody has qualified or ruled out yet is moved to qualified by a threshold.
const PROMOTABLE = ['new', 'contacted']

export type ThresholdLead = { status: string; ownerId: string | null; scoreThresholds: string[] }

export type ThresholdEffects = {
  // The enabled thresholds the new score reaches: the lead's list after this run.
  reachedIds: string[]
  // Reached now and not before.
  fresh: ThresholdRule[]
  status: { ruleId: string; ruleName: string; from: string; to: 'qualified' } | null
  owner: { ruleId: string; ruleName: string; from: string | null; to: string } | null
  // The owner after any re-assignment, to be emailed once per rule that asks for it.
  notify: { ruleIds: string[]; ownerId: string } | null
}

// activeMembers: who among the rules' assignees (and the current owner) is an active member.
// With several fresh thresholds, the lowest that sets a status sets it, and the highest that
// re-routes decides the owner (the most qualified routing wins).
export function thresholdEffects(reached: ThresholdRule[], lead: ThresholdLead, activeMembers: ReadonlySet<string>): ThresholdEffects {
  const fresh = reached.filter((r) => !lead.scoreThresholds.includes(r.id))
  const promote = PROMOTABLE.includes(lead.status) ? fresh.find((r) => r.setStatus) : undefined
  const route = [...fresh].reverse().find((r) => r.assignTo !== null && activeMembers.has(r.assignTo))
  const owner = route?.assignTo && route.assignTo !== lead.ownerId ? { ruleId: route.id, ruleName: route.name, from: lead.ownerId, to: route.assignTo } : null
  const ownerAfter = owner?.to ?? lead.ownerId
  const notifying = fresh.filter((r) => r.notifyOwner).map((r) => r.id)
  return {
    reachedIds: reached.map((r) => r.id),
    fresh,
    status: promote?.setStatus ? { ruleId: promote.id, ruleName: promote.name, from: lead.status, to: promote.setStatus } : null,
    owner,
    notify: notifying.length && ownerAfter && activeMembers.has(ownerAfter) ? { ruleIds: notifying, ownerId: ownerAfter } : null,
  }
}

// Who the effects need to know about: the assignees of fresh thresholds and the current owner.
export const peopleToLookUp = (fresh: ThresholdRule[], ownerId: string | null): string[] =>
  [...new Set([...fresh.flatMap((r) => (r.assignTo ? [r.assignTo] : [])), ...(ownerId && fresh.some((r) => r.notifyOwner) ? [ownerId] : [])])]

// The threshold email's outbox key: one email per crossing, a crossing being the rule and the
// score version that first reached it.
export const thresholdEmailKey = (leadId: string, ruleId: string, scoredAt: Date): string => `score-threshold:${leadId}:${ruleId}:${scoredAt.toISOString()}`

export const thresholdEmailPrefix = (leadId: string): string => `score-threshold:${leadId}:`
