import { Fragment, jsx } from '../jsx'
import { ENGAGEMENT_SIGNALS, FIT_FIELDS, type ScoringRuleInput } from '../../domain/scoring/rules'
import { ACCOUNT_SIZES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { CheckboxField } from '../components/checkbox-field'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { FIT_FIELD_LABELS, FIT_OP_LABELS, SIGNAL_LABELS } from './scoring-rule-text'

// The one rule form, for adding and editing, of each kind. Inputs are flat (see
// src/domain/scoring/rule-form.ts, which maps them to a rule); several forms share a page, so
// every id carries the form's suffix.

export type RuleKind = ScoringRuleInput['kind']
export type MemberOption = { id: string; name: string }

const FIELDS: Record<RuleKind, string[]> = {
  fit: ['name', 'points', 'field', 'op', 'value'],
  engagement: ['name', 'points', 'signal', 'halfLifeDays'],
  threshold: ['name', 'minScore', 'setStatus', 'assignTo', 'notifyOwner'],
}

const FIELD_OPTIONS = FIT_FIELDS.map((f) => ({ value: f, label: FIT_FIELD_LABELS[f] }))
const OP_OPTIONS = Object.entries(FIT_OP_LABELS).map(([value, label]) => ({ value, label }))
const SIGNAL_OPTIONS = ENGAGEMENT_SIGNALS.map((s) => ({ value: s, label: SIGNAL_LABELS[s] }))
const STATUS_OPTIONS = [
  { value: '', label: 'Leave the status as it is' },
  { value: 'qualified', label: 'Qualified (MQL), if it is new or contacted' },
]

type FieldsProps = { values: Record<string, string>; errors: FieldError[]; members: MemberOption[]; idSuffix: string }

const Name = ({ values, errors, idSuffix }: FieldsProps) => <Field name="name" label="Name" value={values.name} errors={errors} required maxlength={100} idSuffix={idSuffix} />

function FitFields(p: FieldsProps) {
  const { values, errors, idSuffix } = p
  return (
    <>
      <Name {...p} />
      <Field name="points" label="Points" type="number" value={values.points} errors={errors} required idSuffix={idSuffix} hint="From -100 to 100. Negative points lower the score." />
      <SelectField name="field" label="Lead field" value={values.field ?? 'title'} errors={errors} options={FIELD_OPTIONS} idSuffix={idSuffix} />
      <SelectField name="op" label="Condition" value={values.op ?? 'contains'} errors={errors} options={OP_OPTIONS} idSuffix={idSuffix} />
      <Field
        name="value"
        label="Value"
        value={values.value}
        errors={errors}
        maxlength={2000}
        idSuffix={idSuffix}
        hint={`Letter case does not matter. For “is one of”, separate values with commas. For “is at least”, a company size: ${ACCOUNT_SIZES.join(', ')}. Not needed for “has any value” or a work address.`}
      />
    </>
  )
}

function EngagementFields(p: FieldsProps) {
  const { values, errors, idSuffix } = p
  return (
    <>
      <Name {...p} />
      <SelectField name="signal" label="When the lead" value={values.signal} errors={errors} options={SIGNAL_OPTIONS} idSuffix={idSuffix} />
      <Field name="points" label="Points each time" type="number" value={values.points} errors={errors} required idSuffix={idSuffix} hint="From -100 to 100, for each time it happens." />
      <Field name="halfLifeDays" label="Half-life in days" type="number" value={values.halfLifeDays} errors={errors} idSuffix={idSuffix} hint="After this many days it counts half, after twice as many a quarter. Leave empty to never fade." />
    </>
  )
}

function ThresholdFields(p: FieldsProps) {
  const { values, errors, members, idSuffix } = p
  const assignees = [{ value: '', label: 'Nobody new: keep the owner' }, ...members.map((m) => ({ value: m.id, label: m.name }))]
  return (
    <>
      <Name {...p} />
      <Field name="minScore" label="When the score reaches" type="number" value={values.minScore} errors={errors} required idSuffix={idSuffix} hint="From 1 to 100. It acts once each time a score climbs to it." />
      <SelectField name="setStatus" label="Set the status" value={values.setStatus} errors={errors} options={STATUS_OPTIONS} idSuffix={idSuffix} />
      <SelectField name="assignTo" label="Assign the lead to" value={values.assignTo} errors={errors} options={assignees} idSuffix={idSuffix} />
      <CheckboxField name="notifyOwner" label="Email the lead's owner" checked={values.notifyOwner !== undefined} idSuffix={idSuffix} />
    </>
  )
}

const KIND_FIELDS = { fit: FitFields, engagement: EngagementFields, threshold: ThresholdFields }

export type RuleFormProps = {
  kind: RuleKind
  action: string
  values: Record<string, string>
  errors: FieldError[]
  members: MemberOption[]
  idSuffix: string
  submitLabel: string
  // With htmx, the add forms swap the page's rules region (fresh, or with this form's errors).
  hxTarget?: string
  cancelHref?: string
}

export function RuleForm({ kind, action, values, errors, members, idSuffix, submitLabel, hxTarget, cancelHref }: RuleFormProps) {
  const Fields = KIND_FIELDS[kind]
  const htmx = hxTarget ? { 'hx-post': action, 'hx-target': hxTarget, 'hx-swap': 'outerHTML' } : {}
  return (
    <form method="post" action={action} novalidate {...htmx}>
      <FormErrors errors={errors} fields={FIELDS[kind]} />
      <input type="hidden" name="kind" value={kind} />
      <div class="form-grid">
        <Fields values={values} errors={errors} members={members} idSuffix={idSuffix} />
      </div>
      <div class="form-actions">
        <button type="submit">{submitLabel}</button>
        {cancelHref ? <a href={cancelHref}>Cancel</a> : null}
      </div>
    </form>
  )
}
