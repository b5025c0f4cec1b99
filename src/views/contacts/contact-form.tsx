import { jsx } from '../jsx'
import { CONTACT_STATUSES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { DuplicateCheck } from '../records/duplicate-warning'
import { optionsOf } from '../records/labels'
import { FormActions, OwnerField, TagsField } from '../records/record-fields'

export type ContactFormValues = Record<string, string>
export type AccountOption = { id: string; name: string }

// The query puts the chosen account first so the option limit never drops it; people scan by name.
const byName = (accounts: AccountOption[]) => [...accounts].sort((a, b) => a.name.localeCompare(b.name))

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'accountId', 'status', 'ownerId', 'tags']

// The one contact form, for new and edit alike. Field names are the ContactInput schema's keys,
// so the same parser serves this form and the JSON API.
// `duplicateCheck` (the new-contact form) warns inline about a contact that already has the email
// or phone being typed.
export function ContactForm({ action, values, errors, members, accounts, canAssign, submitLabel, cancelHref, duplicateCheck }: { action: string; values: ContactFormValues; errors: FieldError[]; members: { id: string; name: string }[]; accounts: AccountOption[]; canAssign: boolean; submitLabel: string; cancelHref: string; duplicateCheck?: string }) {
  return (
    <form method="post" action={action} class="card" novalidate>
      {/* Without the owner picker, an ownerId error (a crafted post) must be listed, not hidden. */}
      <FormErrors errors={errors} fields={canAssign ? FIELDS : FIELDS.filter((f) => f !== 'ownerId')} />
      <div class="form-grid">
        <Field name="firstName" label="First name" value={values.firstName} errors={errors} autofocus maxlength={100} autocomplete="off" hint="A first or a last name is enough." />
        <Field name="lastName" label="Last name" value={values.lastName} errors={errors} maxlength={100} autocomplete="off" />
        <Field name="email" label="Email" type="email" value={values.email} errors={errors} maxlength={254} autocomplete="off">
          {duplicateCheck ? <DuplicateCheck url={duplicateCheck} /> : null}
        </Field>
        <Field name="phone" label="Phone" type="tel" value={values.phone} errors={errors} maxlength={50} autocomplete="off" hint="Without a country code, read as a number in the workspace's country." />
        <Field name="title" label="Job title" value={values.title} errors={errors} maxlength={200} />
        <SelectField name="accountId" label="Account" value={values.accountId} errors={errors} options={[{ value: '', label: 'None' }, ...byName(accounts).map((a) => ({ value: a.id, label: a.name }))]} />
        <SelectField name="status" label="Status" value={values.status ?? 'prospect'} errors={errors} options={optionsOf(CONTACT_STATUSES)} />
        {canAssign ? <OwnerField members={members} value={values.ownerId} errors={errors} /> : null}
        <TagsField value={values.tags} errors={errors} example="VIP, Newsletter" />
      </div>
      <FormActions submitLabel={submitLabel} cancelHref={cancelHref} />
    </form>
  )
}
