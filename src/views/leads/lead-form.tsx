import { jsx } from '../jsx'
import { SETTABLE_LEAD_STATUSES } from '../../domain/leads/schemas'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { DuplicateCheck } from '../records/duplicate-warning'
import { COMPANY_SIZE_OPTIONS, optionsOf } from '../records/labels'
import { FormActions, OwnerField, TagsField } from '../records/record-fields'

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'companyName', 'website', 'industry', 'companySize', 'country', 'status', 'ownerId', 'tags', 'source', 'utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent']

// The one lead form, for new and edit alike. Field names are the LeadInput schema's keys, so the
// same parser serves this form and the JSON API. A converted lead's status is not offered: only
// conversion sets it, and it does not change afterwards.
// `duplicateCheck` (the new-lead form) warns inline about a lead or contact that already has the
// email or phone being typed.
export function LeadForm({ action, values, errors, members, canAssign, submitLabel, cancelHref, converted, duplicateCheck }: { action: string; values: Record<string, string>; errors: FieldError[]; members: { id: string; name: string }[]; canAssign: boolean; submitLabel: string; cancelHref: string; converted: boolean; duplicateCheck?: string }) {
  const shown = FIELDS.filter((f) => (f !== 'ownerId' || canAssign) && (f !== 'status' || !converted))
  const text = (name: string, label: string, max = 200) => <Field name={name} label={label} value={values[name]} errors={errors} maxlength={max} autocomplete="off" />
  return (
    <form method="post" action={action} class="card" novalidate>
      {/* A field the form does not show (ownerId from a crafted post) must be listed, not hidden. */}
      <FormErrors errors={errors} fields={shown} />
      <div class="form-grid">
        <Field name="firstName" label="First name" value={values.firstName} errors={errors} autofocus maxlength={100} autocomplete="off" hint="A name, an email or a company is enough." />
        {text('lastName', 'Last name', 100)}
        <Field name="email" label="Email" type="email" value={values.email} errors={errors} maxlength={254} autocomplete="off">
          {duplicateCheck ? <DuplicateCheck url={duplicateCheck} /> : null}
        </Field>
        <Field name="phone" label="Phone" type="tel" value={values.phone} errors={errors} maxlength={50} autocomplete="off" hint="Without a country code, read as a number in the workspace's country." />
        {text('title', 'Job title')}
        {text('companyName', 'Company')}
        <Field name="website" label="Website" type="url" value={values.website} errors={errors} maxlength={500} hint="Used to match an existing account on conversion." />
        {text('industry', 'Industry', 100)}
        <SelectField name="companySize" label="Company size" value={values.companySize} errors={errors} options={COMPANY_SIZE_OPTIONS} />
        <Field name="country" label="Country" value={values.country} errors={errors} maxlength={2} autocomplete="off" hint="Two letters, such as US, GB or DE." />
        {converted ? null : <SelectField name="status" label="Status" value={values.status ?? 'new'} errors={errors} options={optionsOf(SETTABLE_LEAD_STATUSES)} />}
        {canAssign ? <OwnerField members={members} value={values.ownerId} errors={errors} /> : null}
        <TagsField value={values.tags} errors={errors} example="Webinar, EMEA" />
      </div>
      <fieldset class="form-grid">
        <legend>Source and campaign</legend>
        {text('source', 'Source', 100)}
        {text('utmSource', 'UTM source')}
        {text('utmMedium', 'UTM medium')}
        {text('utmCampaign', 'UTM campaign')}
        {text('utmTerm', 'UTM term')}
        {text('utmContent', 'UTM content')}
      </fieldset>
      <FormActions submitLabel={submitLabel} cancelHref={cancelHref} />
    </form>
  )
}
