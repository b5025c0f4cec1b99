import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { EmailLogRow } from '../../db/queries/email-log'
import { EMAIL_STATUSES, type EmailLogFilters } from '../../domain/mail/email-log'
import { DateTime } from '../components/date-time'
import { MailStatus } from '../components/mail-status'
import { RecordTable, type Column } from '../records/record-table'

const BASE = '/settings/emails'

// The list URL with the current filters (and optionally a cursor), so paging never drops them.
export function emailLogUrl(f: Pick<EmailLogFilters, 'status' | 'to'>, cursor?: string): string {
  const q = new URLSearchParams()
  if (f.status) q.set('status', f.status)
  if (f.to) q.set('to', f.to)
  if (cursor) q.set('cursor', cursor)
  const qs = q.toString()
  return qs ? `${BASE}?${qs}` : BASE
}

// The table sits inside RecordTable's form, and forms cannot nest, so Retry borrows that form
// with formaction: a plain same-origin POST that works without JavaScript.
function RetryButton({ row }: { row: EmailLogRow }) {
  return (
    <button type="submit" class="secondary" formaction={`${BASE}/${row.id}/retry`} formmethod="post" aria-label={`Retry the email to ${row.toAddress}`}>
      Retry
    </button>
  )
}

const COLUMNS: Column<EmailLogRow>[] = [
  { label: 'Created', cell: (r) => <DateTime value={r.createdAt} /> },
  { label: 'To', cell: (r) => r.toAddress },
  { label: 'Subject', cell: (r) => r.subject },
  { label: 'Status', cell: (r) => <MailStatus status={r.status} /> },
  { label: 'Attempts', cell: (r) => String(r.attempts) },
  { label: 'Last error', cell: (r) => r.lastError ?? <span class="muted">—</span> },
  { label: 'Sent', cell: (r) => (r.sentAt ? <DateTime value={r.sentAt} /> : <span class="muted">Not yet</span>) },
  { label: 'Actions', cell: (r) => (r.status === 'failed' ? <RetryButton row={r} /> : null) },
]

export type EmailTableProps = { rows: EmailLogRow[]; count: number; filters: EmailLogFilters; nextCursor: string | null }

// The results region, returned alone to htmx filter and paging requests.
export function EmailLogTable({ rows, count, filters, nextCursor }: EmailTableProps) {
  const filtered = Boolean(filters.status || filters.to)
  return (
    <RecordTable
      rows={rows}
      columns={COLUMNS}
      count={count}
      noun="email"
      nextUrl={nextCursor ? emailLogUrl(filters, nextCursor) : null}
      firstUrl={filters.cursor ? emailLogUrl(filters) : null}
      sortUrl={() => emailLogUrl(filters)}
      emptyText={filtered ? 'No emails match these filters.' : 'No email has been sent from this workspace yet.'}
    />
  )
}

// A plain GET form, like the record lists' filter bar: the URL holds the filters, and htmx swaps
// just the results.
function EmailFilters({ filters }: { filters: EmailLogFilters }) {
  return (
    <form class="filters" method="get" action={BASE} role="search" hx-get={BASE} hx-target="#record-list" hx-swap="outerHTML" hx-push-url="true" hx-trigger="change, submit">
      <div class="filter">
        <label for="filter-status">Status</label>
        <select id="filter-status" name="status">
          <option value="">Any</option>
          {EMAIL_STATUSES.map((s) => (
            <option value={s} selected={s === filters.status}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div class="filter">
        <label for="filter-to">To (address or its start)</label>
        <input id="filter-to" type="search" name="to" value={filters.to ?? ''} maxlength={320} />
      </div>
      <button type="submit" class="secondary">
        Apply
      </button>
      <a href={BASE} class="filter-reset">
        Clear
      </a>
    </form>
  )
}

export function EmailLogPage({ filters, table }: { filters: EmailLogFilters; table: Child }) {
  return (
    <>
      <h1>Email log</h1>
      <p class="lead">Every email this workspace sends, newest first. A failed email was refused by the provider or ran out of retries; Retry queues it again.</p>
      <EmailFilters filters={filters} />
      {table}
    </>
  )
}
