import { Fragment, jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { TimeZoneSelect } from '../components/time-zone-select'

const VISIBILITY_OPTIONS = [
  { value: 'all', label: 'Everyone sees all records' },
  { value: 'own', label: 'Sales reps see only records they own' },
]

export function WorkspaceSettingsPage({ values, errors = [], saved }: { values: Record<string, string>; errors?: FieldError[]; saved?: boolean }) {
  return (
    <>
      <h1>Workspace settings</h1>
      {saved ? (
        <p class="flash flash-success" role="status">
          Settings saved.
        </p>
      ) : null}
      <form method="post" action="/settings/workspace" class="card narrow" novalidate>
        <FormErrors errors={errors} fields={['name', 'recordVisibility', 'defaultCountry', 'defaultCurrency', 'timezone']} />
        <Field name="name" label="Workspace name" value={values.name} errors={errors} required maxlength={100} />
        <SelectField name="recordVisibility" label="Record visibility" value={values.recordVisibility} errors={errors} options={VISIBILITY_OPTIONS} />
        <p class="field-hint">Managers and admins always see everything. Support sees accounts, contacts and deals, without amounts.</p>
        <Field name="defaultCountry" label="Default country for phone numbers" value={values.defaultCountry} errors={errors} maxlength={2} hint="Numbers typed without +country code are read as this country's." />
        <Field name="defaultCurrency" label="Default currency for deals" value={values.defaultCurrency} errors={errors} maxlength={3} />
        <TimeZoneSelect label="Workspace time zone" value={values.timezone} errors={errors} hint="Daily digests go out at 7:00 in this zone to members who have not chosen their own." />
        <button type="submit">Save settings</button>
      </form>
    </>
  )
}
