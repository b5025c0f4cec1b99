import { jsx } from '../jsx'
import type { SubmissionRow } from '../../db/queries/form-submission-list'
import { spamReasonLabel } from '../../domain/forms/quarantine'
import type { SubmissionOutcome } from '../../domain/forms/submissions'
import { DateTime } from '../components/date-time'
import { RecordTable, type Column } from '../records/record-table'

// A form's submissions, newest first: the results region of the form's page, returned alone to
// htmx paging requests.

const OUTCOME_LABELS: Record<SubmissionOutcome, string> = {
  created: 'New lead',
  attached: 'Added to an existing record',
  flagged: 'New lead, flagged as a possible duplicate',
  quarantined: 'Quarantined as spam',
  released: 'Released from quarantine',
}

function Reached({ row: s }: { row: SubmissionRow }) {
  if (s.leadId) return <a href={`/leads/${s.leadId}`}>{s.leadName ?? 'The lead'}</a>
  if (s.contactId) return <a href={`/contacts/${s.contactId}`}>{s.contactName ?? 'The contact'}</a>
  return <span class="muted">—</span>
}

const COLUMNS: Column<SubmissionRow>[] = [
  { label: 'Received', cell: (s) => <DateTime value={s.receivedAt} /> },
  { label: 'Outcome', cell: (s) => OUTCOME_LABELS[s.outcome] },
  { label: 'Spam reasons', cell: (s) => (s.spamReasons.length ? s.spamReasons.map(spamReasonLabel).join(', ') : <span class="muted">—</span>) },
  { label: 'Lead or contact', cell: (s) => <Reached row={s} /> },
  { label: 'Sent from', cell: (s) => s.origin ?? <span class="muted">Unknown</span> },
]

export const submissionsUrl = (formId: string, cursor?: string) => (cursor ? `/forms/${formId}?cursor=${encodeURIComponent(cursor)}` : `/forms/${formId}`)

export function SubmissionsTable({ formId, rows, total, cursor, nextCursor }: { formId: string; rows: SubmissionRow[]; total: number; cursor: string | undefined; nextCursor: string | null }) {
  return (
    <RecordTable
      rows={rows}
      columns={COLUMNS}
      count={total}
      noun="submission"
      nextUrl={nextCursor ? submissionsUrl(formId, nextCursor) : null}
      firstUrl={cursor ? submissionsUrl(formId) : null}
      sortUrl={() => submissionsUrl(formId)}
      emptyText="No submissions yet. Once the form is on a site, they appear here as they arrive."
    />
  )
}
