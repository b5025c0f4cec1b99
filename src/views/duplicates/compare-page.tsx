import { Fragment, jsx } from '../jsx'
import type { MergeRecord } from '../../db/queries/merge-targets'
import { CONTACT_FIELD_LABELS } from '../../domain/contacts/schemas'
import { UNDO_DAYS } from '../../domain/dedupe/merge'
import { CUSTOM_PREFIX, differs, recordName, valueOf, type MergeEntity } from '../../domain/dedupe/merge-fields'
import { LEAD_FIELD_LABELS } from '../../domain/leads/schemas'
import type { FieldError } from '../../lib/errors'
import { DateTime } from '../components/date-time'
import { FormErrors } from '../components/field'
import { TagChips } from '../records/record-detail'
import { labelOf } from '../records/labels'
import { PATHS } from './duplicates-page'

// The side-by-side comparison of two possible duplicates: which record survives, and for each
// field that differs, whose value it keeps (one radio group per row, so the keyboard moves
// between the two with the arrow keys). Fields that agree are shown once.

export type CompareProps = {
  entity: MergeEntity
  a: MergeRecord
  b: MergeRecord
  keys: string[]
  form: Record<string, string>
  errors: FieldError[]
  canAssign: boolean
  problem?: string
}

const LABELS: Record<string, string> = { ...LEAD_FIELD_LABELS, ...CONTACT_FIELD_LABELS }
const labelFor = (key: string) => (key.startsWith(CUSTOM_PREFIX) ? `Custom: ${key.slice(CUSTOM_PREFIX.length)}` : (LABELS[key] ?? key))

function shown(r: MergeRecord, key: string): string {
  if (key === 'ownerId') return r.ownerName ?? (r.ownerId ? 'someone no longer here' : '—')
  if (key === 'accountId') return (r.accountName as string | null) ?? '—'
  const v = valueOf(r, key)
  if (v === null || v === undefined || v === '') return '—'
  if (key === 'status') return labelOf(String(v))
  if (typeof v === 'boolean') return v ? 'Yes' : 'No'
  return String(v)
}

function Choice({ side, r, field, checked }: { side: 'a' | 'b'; r: MergeRecord; field: string; checked: boolean }) {
  return (
    <td>
      <label>
        <input type="radio" name={`f.${field}`} value={side} checked={checked} /> {shown(r, field)}
      </label>
    </td>
  )
}

function SurvivorChoice({ side, entity, r, checked }: { side: 'a' | 'b'; entity: MergeEntity; r: MergeRecord; checked: boolean }) {
  return (
    <label class="survivor">
      <input type="radio" name="survivor" value={side} checked={checked} /> Keep <strong>{recordName(entity, r)}</strong> (created <DateTime value={r.createdAt} />)
    </label>
  )
}

export function ComparePage({ entity, a, b, keys, form, errors, canAssign, problem }: CompareProps) {
  const path = PATHS[entity]
  const fieldErrors = (key: string) => errors.filter((e) => e.path === `fields.${key}`).map((e) => e.message)
  return (
    <>
      <h1>Compare possible duplicates</h1>
      {problem ? (
        <p class="flash flash-error" role="alert">
          {problem}
        </p>
      ) : null}
      <FormErrors errors={errors} fields={[]} />
      <form method="post" action={`/duplicates/${path}/${a.id}/${b.id}`}>
        <fieldset>
          <legend>Which record survives? The other is merged into it and archived.</legend>
          <SurvivorChoice side="a" entity={entity} r={a} checked={form.survivor !== 'b'} />
          <SurvivorChoice side="b" entity={entity} r={b} checked={form.survivor === 'b'} />
        </fieldset>
        <table class="merge-compare">
          <caption>Choose the value to keep for each field that differs.</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">
                <a href={`/${path}/${a.id}`}>{recordName(entity, a)}</a>
              </th>
              <th scope="col">
                <a href={`/${path}/${b.id}`}>{recordName(entity, b)}</a>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const problems = fieldErrors(key)
              const choosable = differs(a, b, key) && (key !== 'ownerId' || canAssign)
              return (
                <tr class={problems.length ? 'field-error' : undefined}>
                  <th scope="row">
                    {labelFor(key)}
                    {problems.length ? <span class="field-error"> {problems.join(' ')}</span> : null}
                  </th>
                  {choosable ? (
                    <>
                      <Choice side="a" r={a} field={key} checked={form[`f.${key}`] !== 'b'} />
                      <Choice side="b" r={b} field={key} checked={form[`f.${key}`] === 'b'} />
                    </>
                  ) : differs(a, b, key) ? (
                    <>
                      <td>{shown(a, key)}</td>
                      <td>{shown(b, key)} <span class="muted">(the survivor's stays)</span></td>
                    </>
                  ) : (
                    <td colspan={2}>{shown(a, key)}</td>
                  )}
                </tr>
              )
            })}
            <tr>
              <th scope="row">Tags</th>
              <td colspan={2}>
                <TagChips tags={[...a.tags, ...b.tags.filter((t) => !a.tags.some((x) => x.id === t.id))]} /> <span class="muted">(the survivor keeps both records' tags)</span>
              </td>
            </tr>
          </tbody>
        </table>
        <p class="field-hint">
          The merged record's notes, tasks, activities{entity === 'contact' ? ', deals' : ''} and form submissions move to the survivor, and its history shows on the survivor's timeline. You can undo the merge for {UNDO_DAYS} days.
        </p>
        <button type="submit">Merge</button> <a href="/duplicates">Cancel</a>
      </form>
    </>
  )
}
