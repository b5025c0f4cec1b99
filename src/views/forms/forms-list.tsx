import { Fragment, jsx } from '../jsx'
import type { FormListRow } from '../../db/queries/forms'
import type { FormListFilters } from '../../domain/forms/schemas'
import { conversionRate, totalSubmissions } from '../../domain/forms/stats'
import { DateTime } from '../components/date-time'
import { FormsStyles } from './forms-styles'

// /forms: the workspace's lead capture forms with how each is doing. A workspace has a handful,
// so the list pages by plain links (newest first) rather than the record lists' htmx region.

export const formsListUrl = (archived: boolean, cursor?: string) => {
  const q = new URLSearchParams()
  if (archived) q.set('archived', 'true')
  if (cursor) q.set('cursor', cursor)
  const qs = q.toString()
  return qs ? `/forms?${qs}` : '/forms'
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US')

function FormsTable({ rows }: { rows: FormListRow[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Form</th>
          <th scope="col">Submissions</th>
          <th scope="col">Leads created</th>
          <th scope="col">Attached to existing</th>
          <th scope="col">Quarantined</th>
          <th scope="col">Conversion</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr data-form-id={f.id}>
            <td>
              <a href={`/forms/${f.id}`}>{f.name}</a>
            </td>
            <td>{n(totalSubmissions(f.counts))}</td>
            <td>{n((f.counts.created ?? 0) + (f.counts.flagged ?? 0))}</td>
            <td>{n(f.counts.attached)}</td>
            <td>{n(f.counts.quarantined)}</td>
            <td>{percent(conversionRate(f.counts))}</td>
            <td>
              <DateTime value={f.createdAt} precision="day" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function EmptyState({ archived }: { archived: boolean }) {
  if (archived) return <p class="empty">No archived forms.</p>
  return (
    <div class="empty-state card">
      <h2>Capture leads from your website</h2>
      <p>Build a form here, paste it into any site you run, and every submission arrives as a lead: deduplicated, routed to the right person, with spam held in quarantine.</p>
      <p>
        <a class="button" href="/forms/new">
          Create your first form
        </a>
      </p>
    </div>
  )
}

export function FormsListPage({ rows, filters, nextCursor }: { rows: FormListRow[]; filters: FormListFilters; nextCursor: string | null }) {
  const archived = filters.archived
  return (
    <>
      <FormsStyles />
      <div class="page-header">
        <h1>{archived ? 'Archived forms' : 'Forms'}</h1>
        {rows.length || archived ? (
          <a class="button" href="/forms/new">
            New form
          </a>
        ) : null}
      </div>
      <p class="lead">Conversion counts the submissions that became or reached a lead or contact, released spam included.</p>
      {rows.length ? <FormsTable rows={rows} /> : <EmptyState archived={archived} />}
      <nav class="pager" aria-label="Pages">
        {filters.cursor ? <a href={formsListUrl(archived)}>← First page</a> : null}
        {nextCursor ? (
          <a href={formsListUrl(archived, nextCursor)} rel="next">
            Next page →
          </a>
        ) : null}
      </nav>
      <p>{archived ? <a href="/forms">Back to the active forms</a> : <a href="/forms?archived=true">Archived forms</a>}</p>
      <p>
        <a href="/forms/quarantine">Quarantine</a>: submissions held as suspected spam, to release into leads or delete.
      </p>
    </>
  )
}
