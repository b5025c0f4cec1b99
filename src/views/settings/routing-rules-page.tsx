import { Fragment, jsx } from '../jsx'
import type { RoutingRule } from '../../domain/routing/rules'
import type { FieldError } from '../../lib/errors'
import { FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { RoutingPreview, type PreviewProps } from './routing-preview'
import { RoutingRuleForm, type FormOption, type MemberOption, type RoutingRuleFormProps } from './routing-rule-form'
import { actionText, conditionsText, type Names } from './routing-rule-text'

// /settings/routing: the workspace's lead routing rules in the order they are tried, each said
// in words, with the default owner for leads no rule takes and a preview against a sample lead.
// Adding, editing and deleting each have a page of their own, so all work without JavaScript and
// a delete is always confirmed.

export const BASE = '/settings/routing'
const REGION = 'routing-rules'
const OWNER_REGION = 'routing-default-owner'

// Fixed texts for after a change, chosen by key so a crafted link cannot put words on the page.
export const NOTICES = {
  added: 'Rule added.',
  saved: 'Rule saved.',
  deleted: 'Rule deleted.',
  enabled: 'Rule turned on.',
  disabled: 'Rule turned off.',
  moved: 'Rule moved.',
  owner: 'Default owner saved.',
} as const
export type Notice = keyof typeof NOTICES
export const isNotice = (key: string | undefined): key is Notice => key !== undefined && key in NOTICES

export type RoutingPageData = { rules: RoutingRule[]; members: MemberOption[]; forms: FormOption[]; defaultOwnerId: string | null }

export const namesOf = ({ members, forms }: { members: MemberOption[]; forms: FormOption[] }): Names => {
  const byId = new Map([...forms, ...members].map((x) => [x.id, x.name]))
  return (id) => byId.get(id)
}

// A one-button form that swaps the rules region with htmx and redirects without it.
function RowButton({ rule, path, label, aria, fields }: { rule: RoutingRule; path: string; label: string; aria: string; fields: Record<string, string> }) {
  const action = `${BASE}/${rule.id}/${path}`
  return (
    <form method="post" action={action} class="inline-form" hx-post={action} hx-target={`#${REGION}`} hx-swap="outerHTML">
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="secondary" aria-label={aria}>
        {label}
      </button>
    </form>
  )
}

function RuleTable({ rules, names }: { rules: RoutingRule[]; names: Names }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Rule</th>
          <th scope="col">When</th>
          <th scope="col">Then</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, i) => (
          <tr class={rule.enabled ? undefined : 'muted'} data-rule-id={rule.id}>
            <td>{i + 1}</td>
            <td>{rule.name}</td>
            <td>{conditionsText(rule, names)}</td>
            <td>{actionText(rule, names)}</td>
            <td>{rule.enabled ? 'On' : 'Off'}</td>
            <td>
              <RowButton rule={rule} path="enabled" fields={{ enabled: rule.enabled ? 'false' : 'true' }} label={rule.enabled ? 'Turn off' : 'Turn on'} aria={`${rule.enabled ? 'Turn off' : 'Turn on'} ${rule.name}`} />
              {i > 0 ? <RowButton rule={rule} path="move" fields={{ direction: 'up' }} label="Move up" aria={`Move ${rule.name} up`} /> : null}
              {i < rules.length - 1 ? <RowButton rule={rule} path="move" fields={{ direction: 'down' }} label="Move down" aria={`Move ${rule.name} down`} /> : null}{' '}
              <a href={`${BASE}/${rule.id}/edit`} aria-label={`Edit ${rule.name}`}>
                Edit
              </a>{' '}
              <a href={`${BASE}/${rule.id}/delete`} aria-label={`Delete ${rule.name}`}>
                Delete
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

// The part of the page that turning a rule on or off and moving it swap with htmx.
export function RoutingRulesRegion({ rules, members, forms, notice }: RoutingPageData & { notice?: Notice }) {
  return (
    <div id={REGION}>
      {notice ? (
        <p class="flash flash-success" role="status">
          {NOTICES[notice]}
        </p>
      ) : null}
      {rules.length ? (
        <RuleTable rules={rules} names={namesOf({ members, forms })} />
      ) : (
        <p class="empty">No routing rules yet: every new lead goes to the default owner below. Add a rule to send leads to the right person by country, size, source or form.</p>
      )}
      <p>
        <a href={`${BASE}/new`} class="button">
          Add a rule
        </a>
      </p>
    </div>
  )
}

export function DefaultOwnerForm({ members, defaultOwnerId, values, errors = [], saved }: { members: MemberOption[]; defaultOwnerId: string | null; values?: Record<string, string>; errors?: FieldError[]; saved?: boolean }) {
  const action = `${BASE}/default-owner`
  const options = [{ value: '', label: 'Nobody: leave the lead unassigned' }, ...members.map((m) => ({ value: m.id, label: m.name }))]
  return (
    <form id={OWNER_REGION} method="post" action={action} class="card narrow" novalidate hx-post={action} hx-target="this" hx-swap="outerHTML">
      {saved ? (
        <p class="flash flash-success" role="status">
          {NOTICES.owner}
        </p>
      ) : null}
      <FormErrors errors={errors} fields={['userId']} />
      <SelectField name="userId" label="Default lead owner" value={values?.userId ?? defaultOwnerId ?? ''} errors={errors} options={options} hint="Gets new leads that no rule takes, and those whose rule's people have all left." />
      <button type="submit">Save default owner</button>
    </form>
  )
}

// owner: a default owner form that was refused, as typed.
export function RoutingRulesPage(props: RoutingPageData & { notice?: Notice; preview: PreviewProps; owner?: { userId: string; errors: FieldError[] } }) {
  return (
    <>
      <h1>Lead routing</h1>
      <p class="lead">Each new lead without an owner goes down this list, and the first rule that is on and matches gives it an owner. The owner is emailed.</p>
      <RoutingRulesRegion {...props} />
      <section aria-labelledby="routing-default-heading">
        <h2 id="routing-default-heading">When no rule matches</h2>
        <DefaultOwnerForm members={props.members} defaultOwnerId={props.defaultOwnerId} values={props.owner && { userId: props.owner.userId }} errors={props.owner?.errors} saved={props.notice === 'owner'} />
      </section>
      <RoutingPreview {...props.preview} forms={props.forms} />
    </>
  )
}

type FormPageProps = Omit<RoutingRuleFormProps, 'action' | 'submitLabel' | 'cancelHref'>

export function NewRulePage(p: FormPageProps) {
  return (
    <>
      <h1>Add a routing rule</h1>
      <div class="card">
        <RoutingRuleForm {...p} action={BASE} submitLabel="Add rule" cancelHref={BASE} />
      </div>
    </>
  )
}

export function EditRulePage({ rule, ...p }: FormPageProps & { rule: RoutingRule }) {
  return (
    <>
      <h1>Edit “{rule.name}”</h1>
      <div class="card">
        <RoutingRuleForm {...p} action={`${BASE}/${rule.id}`} submitLabel="Save rule" cancelHref={BASE} />
      </div>
    </>
  )
}

export function DeleteRulePage({ rule, names }: { rule: RoutingRule; names: Names }) {
  return (
    <>
      <h1>Delete “{rule.name}”?</h1>
      <div class="card narrow">
        <p>
          {conditionsText(rule, names)} → {actionText(rule, names)}
        </p>
        <p>Leads it already routed keep their owners. To pause a rule instead, turn it off.</p>
        <form method="post" action={`${BASE}/${rule.id}/delete`} class="form-actions">
          <button type="submit">Delete rule</button>
          <a href={BASE}>Cancel</a>
        </form>
      </div>
    </>
  )
}
