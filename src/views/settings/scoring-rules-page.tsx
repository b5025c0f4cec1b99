import { Fragment, jsx } from '../jsx'
import { ruleToFormValues } from '../../domain/scoring/rule-form'
import type { ScoringRule } from '../../domain/scoring/rules'
import type { FieldError } from '../../lib/errors'
import { RuleForm, type MemberOption, type RuleKind } from './scoring-rule-form'
import { describeRule } from './scoring-rule-text'

// /settings/scoring: the workspace's scoring rules grouped by kind, each said in words, with an
// add form per kind. Editing and deleting each have a page of their own, so both work without
// JavaScript and a delete is always confirmed.

const BASE = '/settings/scoring'
const REGION = 'scoring-rules'

// An add form that failed validation: its kind, what was typed and why it was refused.
export type FailedAdd = { kind: RuleKind; values: Record<string, string>; errors: FieldError[] }

// Fixed texts for after a change, chosen by key so a crafted link cannot put words on the page.
export const NOTICES = {
  added: 'Rule added.',
  saved: 'Rule saved.',
  deleted: 'Rule deleted.',
  enabled: 'Rule turned on.',
  disabled: 'Rule turned off.',
} as const
export type Notice = keyof typeof NOTICES
export const isNotice = (key: string | undefined): key is Notice => key !== undefined && key in NOTICES

const SECTIONS: { kind: RuleKind; title: string; about: string; add: string; empty: string }[] = [
  { kind: 'fit', title: 'Fit', about: 'Points for who the lead is, from the fields on the lead.', add: 'Add a fit rule', empty: 'No fit rules yet.' },
  { kind: 'engagement', title: 'Engagement', about: 'Points for what the lead does, fading with each rule’s half-life so old interest counts less.', add: 'Add an engagement rule', empty: 'No engagement rules yet.' },
  { kind: 'threshold', title: 'Thresholds', about: 'What happens when a lead’s score reaches a mark, once each time it climbs to it.', add: 'Add a threshold', empty: 'No thresholds yet.' },
]

type RegionProps = { rules: ScoringRule[]; members: MemberOption[]; failed?: FailedAdd; notice?: Notice }

const nameOf = (members: MemberOption[]) => (id: string) => members.find((m) => m.id === id)?.name ?? 'someone no longer in this workspace'

function ToggleButton({ rule }: { rule: ScoringRule }) {
  const action = `${BASE}/${rule.id}/enabled`
  return (
    <form method="post" action={action} class="inline-form" hx-post={action} hx-target={`#${REGION}`} hx-swap="outerHTML">
      <input type="hidden" name="enabled" value={rule.enabled ? 'false' : 'true'} />
      <button type="submit" class="secondary" aria-label={`${rule.enabled ? 'Turn off' : 'Turn on'} ${rule.name}`}>
        {rule.enabled ? 'Turn off' : 'Turn on'}
      </button>
    </form>
  )
}

function RuleTable({ rules, members }: { rules: ScoringRule[]; members: MemberOption[] }) {
  const memberName = nameOf(members)
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">What it does</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr class={rule.enabled ? undefined : 'muted'} data-rule-id={rule.id}>
            <td>{rule.name}</td>
            <td>{describeRule(rule, memberName)}</td>
            <td>{rule.enabled ? 'On' : 'Off'}</td>
            <td>
              <ToggleButton rule={rule} />
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

// The part of the page every add and on/off form swaps with htmx.
export function ScoringRulesRegion({ rules, members, failed, notice }: RegionProps) {
  return (
    <div id={REGION}>
      {notice ? (
        <p class="flash flash-success" role="status">
          {NOTICES[notice]} Lead scores take it up on the nightly recompute, or sooner when a lead or its activity changes.
        </p>
      ) : null}
      {SECTIONS.map((s) => {
        const mine = rules.filter((r) => r.kind === s.kind)
        const failedHere = failed?.kind === s.kind ? failed : undefined
        return (
          <section aria-labelledby={`scoring-${s.kind}`}>
            <h2 id={`scoring-${s.kind}`}>{s.title}</h2>
            <p class="muted">{s.about}</p>
            {mine.length ? <RuleTable rules={mine} members={members} /> : <p class="empty">{s.empty}</p>}
            <details class="quick-action" open={Boolean(failedHere)}>
              <summary>{s.add}</summary>
              <RuleForm kind={s.kind} action={BASE} values={failedHere?.values ?? {}} errors={failedHere?.errors ?? []} members={members} idSuffix={`-new-${s.kind}`} submitLabel={s.add} hxTarget={`#${REGION}`} />
            </details>
          </section>
        )
      })}
    </div>
  )
}

export function ScoringRulesPage(props: RegionProps) {
  return (
    <>
      <h1>Lead scoring</h1>
      <p class="lead">
        A lead’s score, from 0 to 100, adds up the points of the fit rules it matches and of its engagement. Changes here reach lead scores on the nightly recompute, or sooner when a lead or its activity changes.
      </p>
      <ScoringRulesRegion {...props} />
    </>
  )
}

export function EditRulePage({ rule, members, values, errors = [] }: { rule: ScoringRule; members: MemberOption[]; values?: Record<string, string>; errors?: FieldError[] }) {
  return (
    <>
      <h1>Edit “{rule.name}”</h1>
      <p class="lead">Lead scores take the change on the nightly recompute, or sooner when a lead or its activity changes.</p>
      <div class="card">
        <RuleForm kind={rule.kind} action={`${BASE}/${rule.id}`} values={values ?? ruleToFormValues(rule)} errors={errors} members={members} idSuffix="" submitLabel="Save rule" cancelHref={BASE} />
      </div>
    </>
  )
}

export function DeleteRulePage({ rule, members }: { rule: ScoringRule; members: MemberOption[] }) {
  return (
    <>
      <h1>Delete “{rule.name}”?</h1>
      <div class="card narrow">
        <p>{describeRule(rule, nameOf(members))}</p>
        <p>Leads keep the points it gave them until their scores are next recomputed. To pause a rule instead, turn it off.</p>
        <form method="post" action={`${BASE}/${rule.id}/delete`} class="form-actions">
          <button type="submit">Delete rule</button>
          <a href={BASE}>Cancel</a>
        </form>
      </div>
    </>
  )
}
