import { jsx } from '../jsx'
import type { PipelineWithStages } from '../../db/queries/pipelines'
import { OPPORTUNITY_STATUSES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { Field, FieldErrorText, FormErrors } from '../components/field'
import { SelectField, type Option } from '../components/select-field'
import { optionsOf } from '../records/labels'
import { StageOptions } from './opportunity-list'
import { FormActions, OwnerField, TagsField } from '../records/record-fields'

export type OpportunityFormValues = Record<string, string>
export type NamedOption = { id: string; name: string }

const FIELDS = ['name', 'accountId', 'contactId', 'amount', 'currency', 'stage', 'probability', 'closeDate', 'status', 'lostReason', 'ownerId', 'tags']

const byName = (rows: NamedOption[]) => [...rows].sort((a, b) => a.name.localeCompare(b.name))
const choices = (rows: NamedOption[], none: string): Option[] => [{ value: '', label: none }, ...byName(rows).map((r) => ({ value: r.id, label: r.name }))]

// The stage picker lists every pipeline's stages, grouped; the handler derives the pipeline from
// the stage chosen, so one field moves a deal between pipelines too.
function StageField({ pipelines, value, errors }: { pipelines: PipelineWithStages[]; value: string | undefined; errors: FieldError[] }) {
  const mine = errors.filter((e) => e.path === 'stage' || e.path === 'pipelineId')
  return (
    <div class="field">
      <label for="f-stage">Stage</label>
      <select id="f-stage" name="stage" aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? 'f-stage-error' : undefined}>
        <StageOptions pipelines={pipelines} value={value} />
      </select>
      <FieldErrorText id="f-stage" errors={mine} />
    </div>
  )
}

// The one opportunity form, for new and edit alike. Field names are the OpportunityInput
// schema's keys, so the same parser serves this form and the JSON API.
export function OpportunityForm(p: {
  action: string
  values: OpportunityFormValues
  errors: FieldError[]
  members: NamedOption[]
  accounts: NamedOption[]
  contacts: NamedOption[]
  pipelines: PipelineWithStages[]
  canAssign: boolean
  submitLabel: string
  cancelHref: string
}) {
  const { values: v, errors } = p
  return (
    <form method="post" action={p.action} class="card" novalidate>
      {/* Without the owner picker, an ownerId error (a crafted post) must be listed, not hidden. */}
      <FormErrors errors={errors} fields={p.canAssign ? [...FIELDS, 'pipelineId'] : [...FIELDS.filter((f) => f !== 'ownerId'), 'pipelineId']} />
      <div class="form-grid">
        <Field name="name" label="Name" value={v.name} errors={errors} required autofocus maxlength={200} autocomplete="off" />
        <SelectField name="accountId" label="Account" value={v.accountId} errors={errors} options={choices(p.accounts, 'None')} />
        <SelectField name="contactId" label="Primary contact" value={v.contactId} errors={errors} options={choices(p.contacts, 'None')} />
        <Field name="amount" label="Amount" value={v.amount} errors={errors} maxlength={20} autocomplete="off" hint="Like 12500 or 12500.50." />
        <Field name="currency" label="Currency" value={v.currency} errors={errors} maxlength={3} autocomplete="off" hint="Three letters; empty for the workspace's currency." />
        <StageField pipelines={p.pipelines} value={v.stage} errors={errors} />
        <Field name="probability" label="Probability (%)" type="number" value={v.probability} errors={errors} autocomplete="off" hint="Empty to follow the stage's default." />
        <Field name="closeDate" label="Expected close date" type="date" value={v.closeDate} errors={errors} />
        <SelectField name="status" label="Status" value={v.status ?? 'open'} errors={errors} options={optionsOf(OPPORTUNITY_STATUSES)} />
        <Field name="lostReason" label="Lost reason" value={v.lostReason} errors={errors} maxlength={500} hint="Required when the deal is lost." />
        {p.canAssign ? <OwnerField members={p.members} value={v.ownerId} errors={errors} /> : null}
        <TagsField value={v.tags} errors={errors} example="Q3, Expansion" />
      </div>
      <FormActions submitLabel={p.submitLabel} cancelHref={p.cancelHref} />
    </form>
  )
}
