import type { EngagementSignal, FitCondition, FitField, ScoringRule } from '../../domain/scoring/rules'

// Scoring rules in words, for the settings page: the labels its selects offer, and one line per
// rule saying what it does, e.g. Title contains “VP” → +15.

export const FIT_FIELD_LABELS: Record<FitField, string> = {
  title: 'Title',
  industry: 'Industry',
  country: 'Country',
  companySize: 'Company size',
  source: 'Source',
  companyName: 'Company name',
  emailDomain: 'Email domain',
  utmSource: 'UTM source',
  utmCampaign: 'UTM campaign',
}

export const FIT_OP_LABELS: Record<FitCondition['op'], string> = {
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  atLeast: 'is at least (company size)',
  isSet: 'has any value',
  businessEmail: 'email is a work address',
}

export const SIGNAL_LABELS: Record<EngagementSignal, string> = {
  form_submitted: 'Submitted a form',
  email_replied: 'Replied to an email',
  email_sent: 'Was sent an email',
  call_connected: 'Took a call',
  meeting_held: 'Had a meeting',
  note_added: 'Got a note',
  task_completed: 'Had a task completed',
}

export const signedPoints = (points: number) => (points > 0 ? `+${points}` : String(points))

const quoted = (values: string[]) => {
  const q = values.map((v) => `“${v}”`)
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q.at(-1)}` : (q[0] ?? '')
}

function conditionText(c: FitCondition): string {
  switch (c.op) {
    case 'businessEmail':
      return 'Email is a work address (not a free mail provider)'
    case 'isSet':
      return `${FIT_FIELD_LABELS[c.field]} has any value`
    case 'in':
      return `${FIT_FIELD_LABELS[c.field]} is ${quoted(c.values)}`
    case 'notIn':
      return `${FIT_FIELD_LABELS[c.field]} is set and is not ${quoted(c.values)}`
    case 'contains':
      return `${FIT_FIELD_LABELS[c.field]} contains “${c.value}”`
    case 'atLeast':
      return `Company size is at least ${c.value} people`
  }
}

// What the rule does. memberName names a threshold's assignee (or says they are gone).
export function describeRule(rule: ScoringRule, memberName: (id: string) => string): string {
  if (rule.kind === 'fit') return `${conditionText(rule.condition)} → ${signedPoints(rule.points)}`
  if (rule.kind === 'engagement') {
    const fading = rule.halfLifeDays === null ? 'never fading' : `halving every ${rule.halfLifeDays} ${rule.halfLifeDays === 1 ? 'day' : 'days'}`
    return `${SIGNAL_LABELS[rule.signal]} → ${signedPoints(rule.points)} each time, ${fading}`
  }
  const actions = [rule.setStatus ? `mark the lead ${rule.setStatus}` : null, rule.assignTo ? `assign it to ${memberName(rule.assignTo)}` : null, rule.notifyOwner ? 'email its owner' : null].filter(Boolean)
  return `Score reaches ${rule.minScore} → ${actions.length ? actions.join(', ') : 'no action (a marker only)'}`
}
