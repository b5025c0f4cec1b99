import { Fragment, jsx } from '../jsx'
import { FIELD_CHOICES, CUSTOM, conditionRows } from '../../domain/routing/rule-form'
import { ACCOUNT_SIZES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { CheckboxField } from '../components/checkbox-field'
import { Field, FieldErrorText, FormErrors } from '../components/field'
import { SelectField, type Option } from '../components/select-field'
import { ROUTING_FIELD_LABELS, ROUTING_OP_LABELS } from './routing-rule-text'

// The one routing rule form, for adding and editing. Inputs are flat (src/domain/routing/
// rule-form.ts maps them to a rule). Its buttons that add or remove a condition row, and the
// selects that change which inputs a row needs, post the form back: with htmx the fields region
// is swapped in place (focus kept, or moved to the new row); without JavaScript the page comes
// back with the change.

export type MemberOption = { id: string; name: string }
export type FormOption = { id: string; name: string }

export type RoutingRuleFormProps = {
  action: string
  values: Record<string, string>
  errors: FieldError[]
  members: MemberOption[]
  forms: FormOption[]
  // The input to put the focus on after a row was added or removed.
  focus?: string
  submitLabel: string
  cancelHref: string
}

type FieldsProps = Omit<RoutingRuleFormProps, 'submitLabel' | 'cancelHref'>

export const FIELDS_REGION = 'rule-fields'
const ADD_BUTTON = 'add-condition'

const FIELD_OPTIONS: Option[] = FIELD_CHOICES.map((f) => ({ value: f, label: ROUTING_FIELD_LABELS[f] ?? f }))
const OP_OPTIONS: Option[] = Object.entries(ROUTING_OP_LABELS).map(([value, label]) => ({ value, label }))
const ACTION_OPTIONS: Option[] = [
  { value: 'assign', label: 'Assign to one person' },
  { value: 'round_robin', label: 'Take turns among people (round robin)' },
]
const SIZES = `Company sizes: ${ACCOUNT_SIZES.join(', ')}.`

// Posts the form back to redraw the fields region; `intent` says what to change.
const redraw = (action: string) => ({ 'hx-post': action, 'hx-target': `#${FIELDS_REGION}`, 'hx-swap': 'outerHTML' })
const REFRESH = JSON.stringify({ intent: 'refresh' })

function valueHint(field: string | undefined, op: string | undefined): string | undefined {
  if (op === 'between') return field === 'companySize' ? 'A size band counts as its lowest number: 51-200 is 51. Leave one end empty for “at least” or “at most”.' : 'Leave one end empty for “at least” or “at most”.'
  const base = op === 'in' ? 'Separate values with commas. Letter case does not matter.' : 'Letter case does not matter.'
  if (field === 'companySize') return `${base} ${SIZES}`
  return field === 'country' ? `${base} Two-letter country codes, such as DE.` : base
}

function ConditionRow({ i, n, p }: { i: number; n: number; p: FieldsProps }) {
  const { values, errors, forms, action, focus } = p
  const name = (k: string) => `c${i}.${k}`
  const field = values[name('field')]
  const op = values[name('op')]
  const formSelect = field === 'formId' && op === 'equals' && forms.length > 0
  return (
    <fieldset class="condition-row">
      <legend>Condition {n}</legend>
      <div class="form-grid" {...redraw(action)} hx-trigger="change" hx-vals={REFRESH}>
        <SelectField name={name('field')} label="Lead field" value={field} errors={errors} options={FIELD_OPTIONS} />
        <SelectField name={name('op')} label="Test" value={op} errors={errors} options={OP_OPTIONS} />
      </div>
      <div class="form-grid">
        {field === CUSTOM ? <Field name={name('key')} label="Custom field key" value={values[name('key')]} errors={errors} maxlength={40} hint="As forms map it: custom.budget has the key budget." /> : null}
        {op === 'between' ? (
          <>
            <Field name={name('min')} label="From" type="number" value={values[name('min')]} errors={errors} hint={valueHint(field, op)} autofocus={focus === name('min')} />
            <Field name={name('max')} label="To" type="number" value={values[name('max')]} errors={errors} />
          </>
        ) : formSelect ? (
          <SelectField name={name('value')} label="Form" value={values[name('value')]} errors={errors} options={forms.map((f) => ({ value: f.id, label: f.name }))} />
        ) : (
          <Field name={name('value')} label={op === 'in' ? 'Values' : 'Value'} value={values[name('value')]} errors={errors} maxlength={2000} hint={valueHint(field, op)} autofocus={focus === name('value')} />
        )}
      </div>
      <noscript>
        <button type="submit" name="intent" value="refresh" class="secondary">
          Update condition {n}
        </button>
      </noscript>{' '}
      <button type="submit" name="intent" value={`remove:${i}`} class="secondary" {...redraw(action)} aria-label={`Remove condition ${n}`}>
        Remove
      </button>
    </fieldset>
  )
}

function People({ values, errors, members }: FieldsProps) {
  if (values.action === 'assign') {
    return <SelectField name="assignTo" label="Assign to" value={values.assignTo} errors={errors} options={[{ value: '', label: 'Choose a person' }, ...members.map((m) => ({ value: m.id, label: m.name }))]} />
  }
  const groupErrors = errors.filter((e) => e.path === 'assignees')
  return (
    <fieldset class="round-robin" aria-describedby={groupErrors.length ? 'f-assignees-error' : 'f-assignees-hint'}>
      <legend>Take turns among</legend>
      <p class="field-hint" id="f-assignees-hint">
        Tick the people who share these leads. A weight of 2 gets twice as many as a weight of 1.
      </p>
      <FieldErrorText id="f-assignees" errors={groupErrors} />
      {members.map((m) => (
        <div class="form-grid">
          <CheckboxField name={`rr.${m.id}`} label={m.name} checked={values[`rr.${m.id}`] !== undefined} />
          <Field name={`w.${m.id}`} label={`Weight for ${m.name}`} type="number" value={values[`w.${m.id}`] ?? '1'} errors={errors} />
        </div>
      ))}
    </fieldset>
  )
}

// The part of the form that add, remove and the selects redraw.
export function RoutingRuleFields(p: FieldsProps) {
  const { values, errors, action, focus } = p
  const rows = conditionRows(values)
  const shown = ['name', 'action', 'assignTo', 'assignees', ...Object.keys(values).filter((k) => /^(c\d+|w)\./.test(k))]
  return (
    <div id={FIELDS_REGION}>
      <FormErrors errors={errors} fields={shown} />
      <Field name="name" label="Name" value={values.name} errors={errors} required maxlength={100} hint="For you: it names the rule in this list and on the lead's history." />
      <fieldset class="routing-conditions">
        <legend>When the new lead matches</legend>
        <p class="field-hint">Every condition must hold. With no conditions, the rule takes every lead that reaches it.</p>
        {rows.map((i, k) => (
          <ConditionRow i={i} n={k + 1} p={p} />
        ))}
        <button type="submit" name="intent" value="add" class="secondary" id={ADD_BUTTON} {...redraw(action)} autofocus={focus === ADD_BUTTON}>
          Add a condition
        </button>
      </fieldset>
      <fieldset>
        <legend>Give it to</legend>
        <div {...redraw(action)} hx-trigger="change" hx-vals={REFRESH}>
          <SelectField name="action" label="Action" value={values.action} errors={errors} options={ACTION_OPTIONS} />
        </div>
        <noscript>
          <button type="submit" name="intent" value="refresh" class="secondary">
            Show the choices for this action
          </button>
        </noscript>
        <People {...p} />
      </fieldset>
    </div>
  )
}

export function RoutingRuleForm(p: RoutingRuleFormProps) {
  return (
    <form method="post" action={p.action} novalidate>
      {/* The form's default button (Enter in a text input) is Save, not the first row's Remove. */}
      <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
        {p.submitLabel}
      </button>
      <RoutingRuleFields {...p} />
      <div class="form-actions">
        <button type="submit">{p.submitLabel}</button>
        <a href={p.cancelHref}>Cancel</a>
      </div>
    </form>
  )
}

// Where the focus goes after an intent: the new row's value, or the add button after a removal.
export function focusAfter(intent: string, values: Record<string, string>): string | undefined {
  if (intent === 'add') return `c${Math.max(...conditionRows(values))}.value`
  return intent.startsWith('remove:') ? ADD_BUTTON : undefined
}
