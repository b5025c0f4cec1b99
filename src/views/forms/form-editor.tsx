import { jsx } from '../jsx'
import type { FormValues } from '../../domain/forms/form-values'
import type { FieldError } from '../../lib/errors'
import { CheckboxField } from '../components/checkbox-field'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { TextArea } from '../components/text-area'
import { FieldRows, type RowFocus } from './field-rows'

// The one form editor, for a new form and an edit alike. Inputs are flat (see
// src/domain/forms/form-values.ts); FormInput validates what they make.

export type MemberOption = { id: string; name: string }

export type FormEditorProps = {
  action: string
  values: FormValues
  errors: FieldError[]
  members: MemberOption[]
  submitLabel: string
  cancelHref: string
  // Editing a form with a stored Turnstile secret: an empty secret input keeps it.
  hasSecret?: boolean
  // After a row button: where the focus goes back to.
  rowFocus?: RowFocus
}

const SETTINGS = ['name', 'consentText', 'thankYouMessage', 'redirectUrl', 'allowedOrigins', 'defaultSource', 'ownerId', 'minFillSeconds', 'maxPerMinute', 'maxPerIpPerMinute', 'turnstileSiteKey', 'turnstileSecret']
const ROW_PARTS = ['label', 'name', 'type', 'maps', 'customKey', 'options']

export function FormEditor({ action, values, errors, members, submitLabel, cancelHref, hasSecret, rowFocus }: FormEditorProps) {
  const s = values.settings
  const owners = [{ value: '', label: 'Chosen by the routing rules' }, ...members.map((m) => ({ value: m.id, label: m.name }))]
  const inputs = [...SETTINGS, ...values.rows.flatMap((_, i) => ROW_PARTS.map((p) => `fields.${i}.${p}`))]
  return (
    <form id="form-editor" method="post" action={action} novalidate class="form-editor">
      {/* Enter in any input submits with the form's first submit button: make that Save, not a row's Remove. */}
      <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      <FormErrors errors={errors} fields={inputs} />
      <Field name="name" label="Name" value={s.name} errors={errors} required maxlength={200} hint="For you and your team; visitors do not see it." />
      <FieldRows rows={values.rows} errors={errors} action={action} focus={rowFocus} />

      <h2>Consent and thanks</h2>
      <TextArea name="consentText" label="Consent checkbox text" value={s.consentText} errors={errors} rows={2} maxlength={2000} hint="Leave empty for no consent checkbox. The text is stored with each submission." />
      <TextArea name="thankYouMessage" label="Thank-you message" value={s.thankYouMessage} errors={errors} rows={2} maxlength={2000} />
      <Field name="redirectUrl" label="Or send visitors to this page" type="url" value={s.redirectUrl} errors={errors} maxlength={2000} hint="A full https:// address. Set, it wins over the thank-you message." />

      <h2>Where it is embedded</h2>
      <TextArea name="allowedOrigins" label="Allowed sites, one per line" value={s.allowedOrigins} errors={errors} rows={3} hint="Origins only, like https://www.example.com. Only these sites may frame the form, post to it from a script, or read its definition." />

      <h2>New leads</h2>
      <div class="form-grid">
        <Field name="defaultSource" label="Source" value={s.defaultSource} errors={errors} maxlength={100} hint="Recorded on every lead this form creates, e.g. “Website”." />
        <SelectField name="ownerId" label="Owner" value={s.ownerId ?? ''} options={owners} errors={errors} />
      </div>

      <h2>Spam defence</h2>
      <div class="form-grid">
        <Field name="minFillSeconds" label="Minimum fill time in seconds" type="number" value={s.minFillSeconds} errors={errors} required hint="From 0 to 600. Faster submissions are quarantined as bots." />
        <Field name="maxPerMinute" label="Submissions per minute" type="number" value={s.maxPerMinute} errors={errors} required />
        <Field name="maxPerIpPerMinute" label="Submissions per minute from one address" type="number" value={s.maxPerIpPerMinute} errors={errors} required />
      </div>
      <CheckboxField name="acceptWithoutTimestamp" label="Accept submissions without a signed timestamp" checked={s.acceptWithoutTimestamp !== undefined} hint="The plain HTML embed cannot carry one. Unticked, such submissions are quarantined." />
      {/* The secret is a text input so a form that comes back (422, or a row added) keeps what was
          typed; a stored secret is never put back into the page. */}
      <div class="form-grid">
        <Field name="turnstileSiteKey" label="Cloudflare Turnstile site key" value={s.turnstileSiteKey} errors={errors} maxlength={200} hint="Optional. Leave empty to turn Turnstile off." />
        <Field name="turnstileSecret" label="Turnstile secret key" value={s.turnstileSecret} errors={errors} maxlength={200} autocomplete="off" hint={hasSecret ? 'A secret is stored. Leave empty to keep it.' : 'Needed with a site key. It is never shown again.'} />
      </div>

      <div class="form-actions">
        <button type="submit">{submitLabel}</button>
        <a href={cancelHref}>Cancel</a>
      </div>
    </form>
  )
}
