import type { FieldError } from '../../lib/errors'
import { ROUTING_FIELDS, type RoutingRuleInput, type RuleCondition } from './rules'

// The settings page's rule form is flat: one input per setting, condition rows numbered c0, c1,
// ... (numbers need not be consecutive once a row is removed). These map it to a rule and back;
// RoutingRuleInput still does all the validating.
//
// Inputs: name; action; assignTo (the 'assign' person); rr.<userId> (ticked for round robin) with
// w.<userId> (its weight); per condition row c<i>.field (a lead field, or "custom" with the key in
// c<i>.key), c<i>.op, c<i>.value (comma-separated for "is one of"), c<i>.min and c<i>.max.

export const CUSTOM = 'custom'
// The field select's choices: the lead fields, then "a custom field" (its key typed beside it).
export const FIELD_CHOICES = [...ROUTING_FIELDS, CUSTOM] as const
const ROW = /^c(\d+)\.field$/

export const conditionRows = (form: Record<string, string>): number[] =>
  Object.keys(form)
    .flatMap((k) => {
      const m = ROW.exec(k)
      return m ? [Number(m[1])] : []
    })
    .sort((a, b) => a - b)

// What the buttons inside the form ask for besides saving: another condition row, one row less,
// or the same form again after a select changed what a row needs (the ops' inputs differ).
export function applyIntent(form: Record<string, string>, intent: string): Record<string, string> {
  const { intent: _, ...values } = form
  if (intent === 'add') {
    const next = Math.max(-1, ...conditionRows(values)) + 1
    return { ...values, [`c${next}.field`]: 'country', [`c${next}.op`]: 'equals', [`c${next}.value`]: '' }
  }
  const remove = /^remove:(\d+)$/.exec(intent)?.[1]
  if (remove !== undefined) return Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith(`c${remove}.`)))
  return values
}

export const isIntent = (intent: string | undefined): intent is string => intent === 'add' || intent === 'refresh' || /^remove:\d+$/.test(intent ?? '')

const blank = (v: string | undefined) => v === undefined || v.trim() === ''
// Empty stays null (no bound); anything else goes to the schema as typed, so "ten" is refused.
const bound = (v: string | undefined) => (blank(v) ? null : Number.isNaN(Number(v)) ? v : Number(v))

function conditionOf(form: Record<string, string>, i: number): Record<string, unknown> {
  const get = (k: string) => form[`c${i}.${k}`]
  const field = get('field') === CUSTOM ? `custom.${get('key')?.trim() ?? ''}` : get('field')
  const op = get('op')
  if (op === 'between') return { field, op, min: bound(get('min')), max: bound(get('max')) }
  if (op === 'in') return { field, op, value: (get('value') ?? '').split(',').map((v) => v.trim()).filter(Boolean) }
  return { field, op, value: get('value') ?? '' }
}

const ruleAssignees = (form: Record<string, string>) =>
  form.action === 'assign'
    ? blank(form.assignTo) ? [] : [{ userId: form.assignTo }]
    : Object.keys(form)
        .filter((k) => k.startsWith('rr.'))
        .map((k) => {
          const userId = k.slice(3)
          const weight = form[`w.${userId}`]
          return { userId, weight: blank(weight) ? 1 : Number(weight) }
        })

export function ruleFormToInput(form: Record<string, string>, enabled: boolean): Record<string, unknown> {
  return { name: form.name, action: form.action, assignees: ruleAssignees(form), conditions: conditionRows(form).map((i) => conditionOf(form, i)), enabled }
}

// Errors from RoutingRuleInput (or the membership check) named by the form input they belong to.
export function formFieldErrors(form: Record<string, string>, errors: FieldError[]): FieldError[] {
  const rows = conditionRows(form)
  const people = ruleAssignees(form)
  return errors.map((e) => {
    const [head, index, sub] = e.path.split('.')
    if (head === 'conditions' && index !== undefined) {
      const row = rows[Number(index)]
      const field = form[`c${row}.field`] === CUSTOM && sub === 'field' ? 'key' : sub === 'min' || sub === 'max' || sub === 'value' || sub === 'field' ? sub : 'op'
      return { ...e, path: `c${row}.${field}` }
    }
    if (head === 'assignees') {
      if (form.action === 'assign') return { ...e, path: 'assignTo' }
      const who = index === undefined ? undefined : people[Number(index)]?.userId
      return { ...e, path: who && sub === 'weight' ? `w.${who}` : 'assignees' }
    }
    return e
  })
}

function conditionValues(c: RuleCondition, i: number): Record<string, string> {
  const custom = c.field.startsWith('custom.')
  const base = { [`c${i}.field`]: custom ? CUSTOM : c.field, [`c${i}.op`]: c.op, ...(custom ? { [`c${i}.key`]: c.field.slice(7) } : {}) }
  if (c.op === 'between') return { ...base, [`c${i}.min`]: c.min === null ? '' : String(c.min), [`c${i}.max`]: c.max === null ? '' : String(c.max) }
  return { ...base, [`c${i}.value`]: c.op === 'in' ? c.value.join(', ') : c.value }
}

// A stored rule as the edit form's values.
export function ruleToFormValues(rule: RoutingRuleInput): Record<string, string> {
  const people =
    rule.action === 'assign'
      ? { assignTo: rule.assignees[0]?.userId ?? '' }
      : Object.fromEntries(rule.assignees.flatMap((a) => [[`rr.${a.userId}`, 'on'], [`w.${a.userId}`, String(a.weight)]]))
  return { name: rule.name, action: rule.action, ...people, ...Object.assign({}, ...rule.conditions.map(conditionValues)) }
}
