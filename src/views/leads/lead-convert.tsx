import { Fragment, jsx } from '../jsx'
import type { LeadRow } from '../../db/queries/leads'
import type { PipelineWithStages } from '../../db/queries/pipelines'
import type { AccountPlan, ContactPlan } from '../../domain/leads/conversion'
import { contactNameOf } from '../../domain/leads/conversion'
import { leadName } from '../../domain/leads/lead-name'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'

export const DEAL_FIELDS = ['opportunity.name', 'opportunity.amount', 'opportunity.currency', 'opportunity.stage', 'opportunity.closeDate'] as const

const MATCHED_BY = { id: 'chosen before', domain: 'same domain', name: 'same name', email: 'same email' } as const

function AccountOutcome({ plan }: { plan: AccountPlan | null }) {
  if (!plan) return <p>No account: the lead has no company.</p>
  if (plan.kind === 'create') return <p>Creates the account <strong>{plan.values.name}</strong>{plan.values.domain ? ` (${plan.values.domain})` : ''}.</p>
  return (
    <p>
      Attaches to the existing account <a href={`/accounts/${plan.match.id}`}>{plan.match.name}</a> <span class="muted">({MATCHED_BY[plan.match.by]})</span>.
      <input type="hidden" name="accountId" value={plan.match.id} />
    </p>
  )
}

function ContactOutcome({ plan }: { plan: ContactPlan }) {
  if (plan.kind === 'create') return <p>Creates the contact <strong>{contactNameOf(plan)}</strong>{plan.values.email ? ` <${plan.values.email}>` : ''}.</p>
  return (
    <p>
      Attaches to the existing contact <a href={`/contacts/${plan.match.id}`}>{plan.match.name}</a> <span class="muted">({MATCHED_BY[plan.match.by]})</span>
      {plan.linkAccount ? ', and links it to the account' : ''}.
      <input type="hidden" name="contactId" value={plan.match.id} />
    </p>
  )
}

// The conversion form: what the lead will become (matched records shown, so nobody converts into
// a duplicate by surprise) and the optional deal. The matches travel as hidden ids, so the POST
// does what this page showed even if another match appears meanwhile.
export function LeadConvertPage({ lead, account, contact, pipelines, values, errors }: { lead: LeadRow; account: AccountPlan | null; contact: ContactPlan; pipelines: PipelineWithStages[]; values: Record<string, string>; errors: FieldError[] }) {
  const stages = [{ value: '', label: 'First stage of the first pipeline' }, ...pipelines.flatMap((p) => p.stages.map((s) => ({ value: s.id, label: pipelines.length > 1 ? `${p.name} · ${s.name}` : s.name })))]
  return (
    <>
      <h1>Convert {leadName(lead)}</h1>
      <form method="post" action={`/leads/${lead.id}/convert`} class="card" novalidate>
        <FormErrors errors={errors} fields={[...DEAL_FIELDS]} />
        <h2>Contact</h2>
        <ContactOutcome plan={contact} />
        <h2>Account</h2>
        <AccountOutcome plan={account} />
        <fieldset class="form-grid">
          <legend>Opportunity (optional)</legend>
          <Field name="opportunity.name" label="Deal name" value={values['opportunity.name']} errors={errors} maxlength={200} hint="Leave the deal fields empty to convert without one." />
          <Field name="opportunity.amount" label="Amount" value={values['opportunity.amount']} errors={errors} maxlength={20} />
          <Field name="opportunity.currency" label="Currency" value={values['opportunity.currency']} errors={errors} maxlength={3} hint="The workspace's currency when empty." />
          <SelectField name="opportunity.stage" label="Stage" value={values['opportunity.stage']} errors={errors} options={stages} />
          <Field name="opportunity.closeDate" label="Expected close" type="date" value={values['opportunity.closeDate']} errors={errors} />
        </fieldset>
        <div class="form-actions">
          <button type="submit">Convert lead</button>
          <a href={`/leads/${lead.id}`}>Cancel</a>
        </div>
      </form>
    </>
  )
}
