import type { FieldError } from '../../lib/errors'
import type { ScoringRuleInput } from './rules'

// The settings page's rule forms are flat (one input per setting), while a rule nests its fit
// condition. These map between the two, for the add and edit forms alike; ScoringRuleInput still
// does all the validating.

// Form fields: kind, name, points; fit: field, op, value (comma-separated for "is one of");
// engagement: signal, halfLifeDays (empty for never); threshold: minScore, setStatus, assignTo
// (empty for nobody), notifyOwner (a checkbox, present when ticked).
export function ruleFormToInput(form: Record<string, string>): Record<string, unknown> {
  const { kind, name } = form
  if (kind === 'fit') return { kind, name, points: numberOf(form.points), condition: conditionOf(form) }
  if (kind === 'engagement') return { kind, name, points: numberOf(form.points), signal: form.signal, halfLifeDays: blank(form.halfLifeDays) ? null : numberOf(form.halfLifeDays) }
  if (kind === 'threshold') return { kind, name, minScore: numberOf(form.minScore), setStatus: blank(form.setStatus) ? null : form.setStatus, assignTo: blank(form.assignTo) ? null : form.assignTo, notifyOwner: form.notifyOwner !== undefined }
  return { kind, name }
}

const blank = (v: string | undefined) => v === undefined || v.trim() === ''
// Empty stays undefined, so the schema says the field is missing rather than "not a number".
const numberOf = (v: string | undefined) => (blank(v) ? undefined : Number(v))

function conditionOf(form: Record<string, string>): Record<string, unknown> {
  const { op, field } = form
  const value = form.value?.trim() ?? ''
  if (op === 'businessEmail') return { op }
  if (op === 'isSet') return { op, field }
  if (op === 'in' || op === 'notIn') return { op, field, values: value.split(',').map((v) => v.trim()).filter(Boolean) }
  return { op, field, value }
}

// A stored rule as the edit form's values.
export function ruleToFormValues(rule: ScoringRuleInput): Record<string, string> {
  const base = { kind: rule.kind, name: rule.name }
  if (rule.kind === 'engagement') return { ...base, points: String(rule.points), signal: rule.signal, halfLifeDays: rule.halfLifeDays === null ? '' : String(rule.halfLifeDays) }
  if (rule.kind === 'threshold') return { ...base, minScore: String(rule.minScore), setStatus: rule.setStatus ?? '', assignTo: rule.assignTo ?? '', ...(rule.notifyOwner ? { notifyOwner: 'on' } : {}) }
  const c = rule.condition
  return { ...base, points: String(rule.points), op: c.op, field: 'field' in c ? c.field : '', value: 'values' in c ? c.values.join(', ') : 'value' in c ? c.value : '' }
}

// Schema errors named by the form field they belong to: condition.values.0 is the "value" input.
export function formFieldErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: formField(e.path) }))
}

function formField(path: string): string {
  const [head, sub] = path.split('.')
  if (head !== 'condition') return head ?? path
  if (sub === 'values' || sub === 'value') return 'value'
  return sub === 'field' ? 'field' : 'op'
}
