import { jsx } from '../jsx'
import { ACCOUNT_STATUSES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { COMPANY_SIZE_OPTIONS, labelOf } from '../records/labels'
import { FormActions, OwnerField, TagsField } from '../records/record-fields'

export type AccountFormValues = Record<string, string>

const FIELDS = ['name', 'domain', 'website', 'industry', 'size', 'status', 'ownerId', 'address', 'tags']

// The one account form, for new and edit alike. Field names are the AccountInput schema's keys,
// so the same parser serves this form and the JSON API.
export function AccountForm({ action, values, errors, members, canAssign, submitLabel, cancelHref }: { action: string; values: AccountFormValues; errors: FieldError[]; members: { id: string; name: string }[]; canAssign: boolean; submitLabel: string; cancelHref: string }) {
  return (
    <form method="post" action={action} class="card" novalidate>
      <FormErrors errors={errors} fields={FIELDS} />
      <div class="form-grid">
        <Field name="name" label="Name" value={values.name} errors={errors} required autofocus maxlength={200} />
        <Field name="domain" label="Domain" value={values.domain} errors={errors} hint="acme.com — filled from the website when left empty." />
        <Field name="website" label="Website" type="url" value={values.website} errors={errors} />
        <Field name="industry" label="Industry" value={values.industry} errors={errors} maxlength={100} />
        <SelectField name="size" label="Size" value={values.size} errors={errors} options={COMPANY_SIZE_OPTIONS} />
        <SelectField name="status" label="Status" value={values.status ?? 'prospect'} errors={errors} options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: labelOf(s) }))} />
        {canAssign ? <OwnerField members={members} value={values.ownerId} errors={errors} /> : null}
        <Field name="address" label="Address" value={values.address} errors={errors} maxlength={500} />
        <TagsField value={values.tags} errors={errors} example="VIP, EMEA" />
      </div>
      <FormActions submitLabel={submitLabel} cancelHref={cancelHref} />
    </form>
  )
}
