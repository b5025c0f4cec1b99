import { jsx } from '../jsx'
import { ACCOUNT_SIZES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import type { FormOption } from './routing-rule-form'

// "Test against a sample lead": the facts routing reads, and who would get such a lead next. With
// htmx the answer swaps this section only (the form keeps what was typed); without, the page.

export const PREVIEW_FIELDS = ['country', 'source', 'companySize', 'industry', 'formId', 'customKey', 'customValue'] as const

// The rule that matched (if any), whether it decided the owner (false: the default owner, or
// nobody), and who would get the lead.
export type PreviewResult = { ruleName: string | null; byRule: boolean; ownerName: string | null }
export type PreviewProps = { values: Record<string, string>; errors: FieldError[]; result?: PreviewResult }

const SECTION = 'routing-preview'


function sentence({ ruleName, byRule, ownerName }: PreviewResult): string {
  const gets = ownerName ? `${ownerName} would get this lead next.` : 'Nobody would get it: the lead would stay unassigned.'
  if (ruleName && byRule) return `The rule “${ruleName}” matches. ${gets}`
  if (ruleName) return `The rule “${ruleName}” matches, but none of its people are active members, so it falls to the default owner. ${gets}`
  return `No rule matches, so the default owner applies. ${gets}`
}

export function RoutingPreview({ values, errors, result, forms }: PreviewProps & { forms: FormOption[] }) {
  const action = '/settings/routing/preview'
  return (
    <section id={SECTION} aria-labelledby="routing-preview-heading">
      <h2 id="routing-preview-heading">Test against a sample lead</h2>
      <p class="muted">Nothing is saved and no turn is taken: round robin shows who is next in line.</p>
      <form method="post" action={action} class="card" novalidate hx-post={action} hx-target={`#${SECTION}`} hx-swap="outerHTML">
        <FormErrors errors={errors} fields={[...PREVIEW_FIELDS]} />
        <div class="form-grid">
          <Field name="country" label="Country" value={values.country} errors={errors} maxlength={200} idSuffix="-preview" hint="Two-letter code, such as DE." />
          <Field name="source" label="Source" value={values.source} errors={errors} maxlength={200} idSuffix="-preview" />
          <SelectField name="companySize" label="Company size" value={values.companySize} errors={errors} options={[{ value: '', label: 'Unknown' }, ...ACCOUNT_SIZES.map((s) => ({ value: s, label: s }))]} idSuffix="-preview" />
          <Field name="industry" label="Industry" value={values.industry} errors={errors} maxlength={200} idSuffix="-preview" />
          <SelectField name="formId" label="Form" value={values.formId} errors={errors} options={[{ value: '', label: 'No form' }, ...forms.map((f) => ({ value: f.id, label: f.name }))]} idSuffix="-preview" />
          <Field name="customKey" label="Custom field key" value={values.customKey} errors={errors} maxlength={40} idSuffix="-preview" hint="Optional, such as budget." />
          <Field name="customValue" label="Custom field value" value={values.customValue} errors={errors} maxlength={2000} idSuffix="-preview" />
        </div>
        <button type="submit">Test routing</button>
      </form>
      <div role="status" aria-live="polite">
        {result ? <p class="card narrow routing-preview-answer">{sentence(result)}</p> : null}
      </div>
    </section>
  )
}
