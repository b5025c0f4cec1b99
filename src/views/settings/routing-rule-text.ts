import type { RoutingRule, RuleCondition } from '../../domain/routing/rules'

// Routing rules in words, for the settings page: the labels its selects offer, and what each
// rule tests and does, e.g. Country is “DE” and Company size is between 51 and 200.

export const ROUTING_FIELD_LABELS: Record<string, string> = {
  country: 'Country',
  source: 'Source',
  companySize: 'Company size',
  industry: 'Industry',
  formId: 'Form',
  utmSource: 'UTM source',
  utmCampaign: 'UTM campaign',
  custom: 'Custom field…',
}

export const ROUTING_OP_LABELS: Record<RuleCondition['op'], string> = {
  equals: 'is',
  in: 'is one of',
  contains: 'contains',
  between: 'is between (numbers)',
}

const quoted = (values: string[]) => {
  const q = values.map((v) => `“${v}”`)
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q.at(-1)}` : (q[0] ?? '')
}

// names: the workspace's forms and people by id, so a rule reads "Form is “Contact us”".
export type Names = (id: string) => string | undefined

const fieldLabel = (field: string) => (field.startsWith('custom.') ? `Custom field “${field.slice(7)}”` : (ROUTING_FIELD_LABELS[field] ?? field))

export function conditionText(c: RuleCondition, names: Names): string {
  const value = (v: string) => (c.field === 'formId' ? (names(v) ?? v) : v)
  switch (c.op) {
    case 'equals':
      return `${fieldLabel(c.field)} is “${value(c.value)}”`
    case 'in':
      return `${fieldLabel(c.field)} is ${quoted(c.value.map(value))}`
    case 'contains':
      return `${fieldLabel(c.field)} contains “${c.value}”`
    case 'between':
      if (c.min !== null && c.max !== null) return `${fieldLabel(c.field)} is between ${c.min} and ${c.max}`
      return c.min !== null ? `${fieldLabel(c.field)} is at least ${c.min}` : `${fieldLabel(c.field)} is at most ${c.max}`
  }
}

export const conditionsText = (rule: Pick<RoutingRule, 'conditions'>, names: Names) => (rule.conditions.length ? rule.conditions.map((c) => conditionText(c, names)).join(' and ') : 'Every lead')

// Who the rule gives leads to. Someone who has left is named as such: routing skips them.
export function actionText(rule: Pick<RoutingRule, 'action' | 'assignees'>, names: Names): string {
  const who = (id: string) => names(id) ?? 'someone no longer active (skipped)'
  if (rule.action === 'assign') return `Assign to ${who(rule.assignees[0]?.userId ?? '')}`
  const weighted = rule.assignees.some((a) => a.weight > 1)
  return `Round robin: ${rule.assignees.map((a) => (weighted ? `${who(a.userId)} ×${a.weight}` : who(a.userId))).join(', ')}`
}
