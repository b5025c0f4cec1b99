import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { LeadRow } from '../../db/queries/leads'
import { leadName } from '../../domain/leads/lead-name'
import type { LeadListQuery } from '../../domain/leads/schemas'
import { LEAD_STATUSES } from '../../domain/records/vocab'
import { DateTime } from '../components/date-time'
import { BulkBar } from '../records/bulk-bar'
import { labelOf, optionsOf } from '../records/labels'
import { ListFiltersBar } from '../records/list-filters'
import type { ListContext, ListLinks } from '../records/list-links'
import { TagChips } from '../records/record-detail'
import { RecordTable, type Column } from '../records/record-table'

const COLUMNS: Column<LeadRow>[] = [
  { label: 'Name', sortKey: 'name', cell: (l) => <a href={`/leads/${l.id}`}>{leadName(l)}</a> },
  { label: 'Company', cell: (l) => l.companyName ?? '' },
  { label: 'Email', cell: (l) => l.email ?? '' },
  { label: 'Status', cell: (l) => labelOf(l.status) },
  { label: 'Score', sortKey: 'score', cell: (l) => String(l.score) },
  { label: 'Source', cell: (l) => l.source ?? '' },
  { label: 'Owner', cell: (l) => l.ownerName ?? <span class="muted">Nobody</span> },
  { label: 'Tags', cell: (l) => <TagChips tags={l.tags} /> },
  { label: 'Last contacted', sortKey: 'lastContacted', cell: (l) => <DateTime value={l.lastContactedAt} precision="day" /> },
  { label: 'Created', sortKey: 'created', cell: (l) => <DateTime value={l.createdAt} precision="day" /> },
]

const SORT_OPTIONS = [
  { value: 'created', label: 'Created' },
  { value: 'name', label: 'Last name' },
  { value: 'score', label: 'Score' },
  { value: 'lastContacted', label: 'Last contacted' },
]

// "Open" first: the leads still to be worked are what a rep filters for most.
const STATUS_OPTIONS = [{ value: 'open', label: 'Open (new, contacted, qualified)' }, ...optionsOf(LEAD_STATUSES)]

// The results region, returned alone to htmx filter and paging requests.
export function LeadTable({ rows, count, links, ctx, tools }: { rows: LeadRow[]; count: number; links: ListLinks; ctx: ListContext; tools?: Child }) {
  return (
    <RecordTable
      rows={rows}
      columns={COLUMNS}
      count={count}
      tools={tools}
      noun="lead"
      nextUrl={links.next}
      firstUrl={links.first}
      sortUrl={links.sort}
      emptyText={links.filtered ? 'No leads match these filters.' : 'No leads yet. Add the first one, or import a file.'}
      bulk={{ action: '/leads/bulk', controls: <BulkBar members={ctx.members} tags={ctx.tags} canAssign={ctx.canAssign} canArchive={ctx.canArchive} back={links.self} /> }}
    />
  )
}

export function LeadListPage({ filters, ctx, table }: { filters: LeadListQuery; ctx: ListContext; table: Child }) {
  return (
    <>
      <div class="page-header">
        <h1>Leads</h1>
        {ctx.canCreate ? (
          <a class="button" href="/leads/new">
            New lead
          </a>
        ) : null}
      </div>
      <ListFiltersBar action="/leads" filters={filters} options={{ members: ctx.members, tags: ctx.tags, statuses: STATUS_OPTIONS, sorts: SORT_OPTIONS, showOwner: ctx.showOwnerFilter, contacted: true }}>
        <label class="filter">
          Source
          <input name="source" value={filters.source ?? ''} maxlength={100} />
        </label>
      </ListFiltersBar>
      {table}
    </>
  )
}
