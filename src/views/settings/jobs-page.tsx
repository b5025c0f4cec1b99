import { Fragment, jsx } from '../jsx'
import type { DeadJob, JobMetrics } from '../../db/queries/job-failures'
import { jobRef, MAX_DELIVERIES } from '../../domain/jobs/failures'
import { DateTime } from '../components/date-time'
import { RecordTable, type Column } from '../records/record-table'

const BASE = '/settings/jobs'
const PANEL = '#jobs-panel'
// The per-row buttons belong to this empty form rather than to the table's bulk form, so they
// post their own job alone, never the rows that happen to be ticked.
const ROW_FORM = 'job-row-action'

const jobsUrl = (cursor?: string) => (cursor ? `${BASE}?cursor=${encodeURIComponent(cursor)}` : BASE)

// A POST that works without JavaScript and, with htmx, swaps in the updated metrics and list.
function JobButton({ action, label, job, confirm, ariaLabel }: { action: 'retry' | 'discard'; label: string; job?: DeadJob; confirm?: string; ariaLabel?: string }) {
  const url = `${BASE}/${action}`
  return (
    <button
      type="submit"
      class="secondary"
      form={job ? ROW_FORM : undefined}
      name={job ? 'ids' : undefined}
      value={job ? jobRef(job) : undefined}
      formaction={url}
      formmethod="post"
      hx-post={url}
      hx-target={PANEL}
      hx-swap="outerHTML"
      hx-confirm={confirm}
      aria-label={ariaLabel}
    >
      {label}
    </button>
  )
}

const COLUMNS: Column<DeadJob & { id: string }>[] = [
  { label: 'Type', cell: (j) => <code>{j.type}</code> },
  { label: 'Key', cell: (j) => <code class="job-key">{j.key}</code> },
  { label: 'First failure', cell: (j) => <DateTime value={j.firstFailedAt} /> },
  { label: 'Last failure', cell: (j) => <DateTime value={j.lastFailedAt} /> },
  { label: 'Attempts', cell: (j) => String(j.attempts) },
  { label: 'Last error', cell: (j) => <div class="job-error">{j.lastError}</div> },
  {
    label: 'Payload',
    cell: (j) => (
      <details class="job-payload">
        <summary>Show</summary>
        <pre>{JSON.stringify(j.body, null, 2)}</pre>
      </details>
    ),
  },
  {
    label: 'Actions',
    cell: (j) => (
      <div class="record-actions">
        <JobButton action="retry" label="Retry" job={j} ariaLabel={`Retry ${j.type} ${j.key}`} />
        <JobButton action="discard" label="Discard" job={j} ariaLabel={`Discard ${j.type} ${j.key}`} confirm="Discard this job? It will not run again." />
      </div>
    ),
  },
]

function BulkControls() {
  return (
    <fieldset class="bulk-bar">
      <legend class="visually-hidden">Selected jobs</legend>
      <JobButton action="retry" label="Retry selected" />
      <JobButton action="discard" label="Discard selected" confirm="Discard the selected jobs? They will not run again." />
    </fieldset>
  )
}

export type DeadJobsTableProps = { rows: DeadJob[]; count: number; cursor: string | undefined; nextCursor: string | null }

// The dead jobs list (#record-list), returned alone to htmx paging requests.
export function DeadJobsTable({ rows, count, cursor, nextCursor }: DeadJobsTableProps) {
  return (
    <RecordTable
      rows={rows.map((j) => ({ ...j, id: jobRef(j) }))}
      columns={COLUMNS}
      count={count}
      noun="dead job"
      nextUrl={nextCursor ? jobsUrl(nextCursor) : null}
      firstUrl={cursor ? jobsUrl() : null}
      sortUrl={() => jobsUrl()}
      emptyText={`No dead jobs. Jobs that fail ${MAX_DELIVERIES} times land here.`}
      bulk={{ action: `${BASE}/retry`, controls: <BulkControls /> }}
    />
  )
}

function Metrics({ m }: { m: JobMetrics }) {
  const facts: [string, number][] = [
    ['Emails waiting to be sent', m.emailsQueued],
    ['Reminders due, not yet sent', m.remindersDue],
    ['Jobs being retried', m.jobsRetrying],
    ['Dead jobs', m.jobsDead],
    ['Emails sent, last 24 hours', m.emailsSent],
    ['Emails failed, last 24 hours', m.emailsFailed],
  ]
  return (
    <section class="card" aria-labelledby="job-metrics">
      <h2 id="job-metrics">Right now</h2>
      <dl class="facts">
        {facts.map(([label, n]) => (
          <>
            <dt>{label}</dt>
            <dd>{n.toLocaleString('en-US')}</dd>
          </>
        ))}
      </dl>
    </section>
  )
}

// What Retry and Discard swap in with htmx: the metrics change along with the list.
export function JobsPanel({ metrics, table }: { metrics: JobMetrics; table: DeadJobsTableProps }) {
  return (
    <div id="jobs-panel">
      <Metrics m={metrics} />
      <h2>Dead jobs</h2>
      <p class="muted">Newest first. Retry queues the job again exactly as it was; Discard drops it for good.</p>
      <form id={ROW_FORM} method="post" action={`${BASE}/retry`} />
      <DeadJobsTable {...table} />
    </div>
  )
}

export function JobsPage(props: { metrics: JobMetrics; table: DeadJobsTableProps }) {
  return (
    <>
      <h1>Jobs</h1>
      <p class="lead">
        The background work of this workspace: reminders and emails. A job that fails is retried {MAX_DELIVERIES - 1} more times with growing pauses; after that it is dead and waits here for you.
      </p>
      <JobsPanel {...props} />
    </>
  )
}
