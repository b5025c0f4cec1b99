import { jsx } from '../jsx'
import { FORM_FIELD_TYPES, FORM_LEAD_FIELDS } from '../../domain/forms/fields'
import { CUSTOM_MAPS, type FieldRow } from '../../domain/forms/form-values'
import type { FieldError } from '../../lib/errors'
import { CheckboxField } from '../components/checkbox-field'
import { Field } from '../components/field'
import { SelectField } from '../components/select-field'
import { TextArea } from '../components/text-area'

// The fields editor of the form editor: one fieldset per field, and buttons that add or remove a
// row. The buttons post the whole form (see applyRowAction): htmx swaps the editor in place, and
// without JavaScript the page comes back with the change. Either way nothing typed is lost.

const TYPE_LABELS: Record<(typeof FORM_FIELD_TYPES)[number], string> = {
  text: 'Text',
  email: 'Email address',
  phone: 'Phone number',
  select: 'Choice from a list',
  textarea: 'Long text',
  checkbox: 'Checkbox',
  hidden: 'Hidden (a fixed value)',
}
const TYPE_OPTIONS = FORM_FIELD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))

const LEAD_FIELD_LABELS: Record<(typeof FORM_LEAD_FIELDS)[number], string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  title: 'Job title',
  companyName: 'Company',
  website: 'Website',
  industry: 'Industry',
  companySize: 'Company size',
  country: 'Country',
}
const MAPS_OPTIONS = [{ value: '', label: 'Choose…' }, ...FORM_LEAD_FIELDS.map((f) => ({ value: f, label: `Lead: ${LEAD_FIELD_LABELS[f]}` })), { value: CUSTOM_MAPS, label: 'A custom field' }]

// The row buttons re-render the editor; they skip the browser's checks of required inputs, which
// the server does on save.
const rowButton = (action: string) => ({ type: 'submit' as const, name: '_row', formnovalidate: true, 'hx-post': action, 'hx-target': '#form-editor', 'hx-swap': 'outerHTML' })

function FieldRowSet({ row, i, errors, action, focus }: { row: FieldRow; i: number; errors: FieldError[]; action: string; focus: boolean }) {
  const name = (part: string) => `fields.${i}.${part}`
  const title = row.label.trim() || `Field ${i + 1}`
  return (
    <fieldset class="field-row">
      <legend>{title}</legend>
      <div class="form-grid">
        <Field name={name('label')} label="Label" value={row.label} errors={errors} required maxlength={200} autofocus={focus} />
        <Field name={name('name')} label="Name in the posted data" value={row.name} errors={errors} required maxlength={40} hint="Letters, digits and _, starting with a letter." />
        <SelectField name={name('type')} label="Type" value={row.type} options={TYPE_OPTIONS} errors={errors} />
        <SelectField name={name('maps')} label="Fills" value={row.maps} options={MAPS_OPTIONS} errors={errors} />
        <Field name={name('customKey')} label="Custom field key" value={row.customKey} errors={errors} maxlength={40} hint="Only for “A custom field”: lower case letters, digits and _." />
        <TextArea name={name('options')} label="Choices, one per line" value={row.options} errors={errors} rows={3} hint="For a choice from a list; a hidden field sends the first line." />
      </div>
      <CheckboxField name={name('required')} label="Required" checked={row.required} />
      <button {...rowButton(action)} value={`remove:${i}`} class="secondary" aria-label={`Remove the field “${title}”`}>
        Remove
      </button>
    </fieldset>
  )
}

// After a row button the editor is swapped whole, so the focus is put back where the person was
// working: the new row's first input, or (after a removal) the add button.
export type RowFocus = 'new-row' | 'add-button'

export function FieldRows({ rows, errors, action, focus }: { rows: FieldRow[]; errors: FieldError[]; action: string; focus?: RowFocus }) {
  return (
    <section aria-labelledby="form-fields-heading">
      <h2 id="form-fields-heading">Fields</h2>
      {rows.length ? null : <p class="empty">No fields yet. A form needs at least one.</p>}
      {rows.map((row, i) => (
        <FieldRowSet row={row} i={i} errors={errors} action={action} focus={focus === 'new-row' && i === rows.length - 1} />
      ))}
      <button {...rowButton(action)} value="add" class="secondary" autofocus={focus === 'add-button'}>
        Add a field
      </button>
    </section>
  )
}
