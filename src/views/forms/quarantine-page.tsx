import { Fragment, jsx } from '../jsx'
import { spamReasonLabel } from '../../domain/forms/quarantine'
import { DateTime } from '../components/date-time'
import { RecordTable, type Column } from '../records/record-table'

// /forms/quarantine: submissions the spam checks held back, newest first, to release into leads
// or delete. Release and Delete post the ticked rows; Delete asks first on a page of its own, so
// it is confirmed with or without JavaScript.

const BASE = '/forms/quarantine'

export type QuarantineItem = {
  id: string
  receivedAt: Date
  formName: string
  spamReasons: string[]
  origin: string | null
  name: string | null
  email: string | null
  payload: Record<string, unknown>
}

export type QuarantineNotice = { released?: number; failed?: number; deleted?: number }

export type QuarantineTableProps = { rows: QuarantineItem[]; count: number; formId: string | undefined; cursor: string | undefined; nextCursor: string | null }

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`

export const quarantineUrl = (params: { formId?: string; cursor?: string }) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])))
  return q.size ? `${BASE}?${q}` : BASE
}

const COLUMNS: Column<QuarantineItem>[] = [
  { label: 'Received', cell: (s) => <DateTime value={s.receivedAt} /> },
  { label: 'Form', cell: (s) => s.formName },
  { label: 'Why', cell: (s) => s.spamReasons.map(spamReasonLabel).join(', ') },
  { label: 'Origin', cell: (s) => s.origin ?? '—' },
  { label: 'Name', cell: (s) => s.name ?? '—' },
  { label: 'Email', cell: (s) => s.email ?? '—' },
  {
    label: 'Submitted',
    cell: (s) => (
      <details class="submission-payload">
        <summary>Show</summary>
        <pre>{JSON.stringify(s.payload, null, 2)}</pre>
      </details>
    ),
  },
]

function BulkControls({ formId }: { formId: string | undefined }) {
  return (
    <fieldset class="bulk-bar">
      <legend class="visually-hidden">Selected submissions</legend>
      {formId ? <input type="hidden" name="formId" value={formId} /> : null}
      <button type="submit" class="secondary" formaction={`${BASE}/release`}>
        Release selected
      </button>
      <button type="submit" class="secondary" formaction={`${BASE}/delete`}>
        Delete selected…
      </button>
    </fieldset>
  )
}

// The list (#record-list), returned alone to htmx paging and filter requests.
export function QuarantineTable({ rows, count, formId, cursor, nextCursor }: QuarantineTableProps) {
  return (
    <RecordTable
      rows={rows}
      columns={COLUMNS}
      count={count}
      noun="held submission"
      nextUrl={nextCursor ? quarantineUrl({ formId, cursor: nextCursor }) : null}
      firstUrl={cursor ? quarantineUrl({ formId }) : null}
      sortUrl={() => quarantineUrl({ formId })}
      emptyText="Nothing in quarantine. Submissions that look like spam are held here for you to review."
      bulk={{ action: `${BASE}/release`, controls: <BulkControls formId={formId} /> }}
    />
  )
}

function NoticeText({ notice }: { notice: QuarantineNotice }) {
  const parts = [
    notice.released !== undefined ? `Released ${plural(notice.released, 'submission')} into leads.` : null,
    notice.failed ? `${plural(notice.failed, 'submission')} could not be released: someone released or deleted them meanwhile.` : null,
    notice.deleted !== undefined ? `Deleted ${plural(notice.deleted, 'submission')}.` : null,
  ].filter(Boolean)
  return parts.length ? (
    <p class={`flash ${notice.failed ? 'flash-error' : 'flash-success'}`} role="status">
      {parts.join(' ')}
    </p>
  ) : null
}

export function QuarantinePage({ table, forms, notice }: { table: QuarantineTableProps; forms: { id: string; name: string }[]; notice: QuarantineNotice }) {
  return (
    <>
      <p class="record-links">
        <a href="/forms">← Forms</a>
      </p>
      <h1>Quarantine</h1>
      <p class="lead">Submissions the spam checks held back. Release one to make it a lead as if it had come in clean; delete what is spam.</p>
      <NoticeText notice={notice} />
      <form class="filters" method="get" action={BASE} role="search" hx-get={BASE} hx-target="#record-list" hx-swap="outerHTML" hx-push-url="true" hx-trigger="change, submit">
        <div class="filter">
          <label for="filter-formId">Form</label>
          <select id="filter-formId" name="formId">
            <option value="">Any</option>
            {forms.map((f) => (
              <option value={f.id} selected={f.id === table.formId}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          Apply
        </button>
      </form>
      <QuarantineTable {...table} />
    </>
  )
}

// Delete is for good, so it asks first, naming how many; the ids ride along in the form.
export function ConfirmDeletePage({ ids, formId }: { ids: string[]; formId: string | undefined }) {
  return (
    <>
      <h1>Delete {plural(ids.length, 'submission')}?</h1>
      <div class="card narrow">
        <p>Deleted submissions are gone for good: they cannot be released afterwards.</p>
        <form method="post" action={`${BASE}/delete`} class="form-actions">
          {ids.map((id) => (
            <input type="hidden" name="ids" value={id} />
          ))}
          {formId ? <input type="hidden" name="formId" value={formId} /> : null}
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit">Delete {plural(ids.length, 'submission')}</button>
          <a href={quarantineUrl({ formId })}>Cancel</a>
        </form>
      </div>
    </>
  )
}
