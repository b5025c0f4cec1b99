import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { AccountRow } from '../../db/queries/accounts'
import type { ListFilters } from '../../domain/records/list-query'
import { ACCOUNT_STATUSES } from '../../domain/records/vocab'
import { DateTime } from '../components/date-time'
import { BulkBar } from '../records/bulk-bar'
import { optionsOf, labelOf } from '../records/labels'
import { ListFiltersBar } from '../records/list-filters'
import { TagChips } from '../records/record-detail'
import { RecordTable, type Column } from '../records/record-table'
import type { ListLinks, ListContext } from '../records/list-links'

const COLUMNS: Column<AccountRow>[] = [
  { label: 'Name', sortKey: 'name', cell: (a) => <a href={`/accounts/${a.id}`}>{a.name}</a> },
  { label: 'Domain', cell: (a) => a.domain ?? '' },
  { label: 'Status', sortKey: 'status', cell: (a) => labelOf(a.status) },
  { label: 'Owner', cell: (a) => a.ownerName ?? <span class="muted">Nobody</span> },
  { label: 'Tags', cell: (a) => <TagChips tags={a.tags} /> },
  { label: 'Last contacted', sortKey: 'lastContacted', cell: (a) => <DateTime value={a.lastContactedAt} precision="day" /> },
  { label: 'Created', sortKey: 'created', cell: (a) => <DateTime value={a.createdAt} precision="day" /> },
]

// The results region, returned alone to htmx filter and paging requests.
export function AccountTable({ rows, count, links, ctx, tools }: { rows: AccountRow[]; count: number; links: ListLinks; ctx: ListContext; tools?: Child }) {
  return (
    <RecordTable
      rows={rows}
      columns={COLUMNS}
      count={count}
      tools={tools}
      noun="account"
      nextUrl={links.next}
      firstUrl={links.first}
      sortUrl={links.sort}
      emptyText={links.filtered ? 'No accounts match these filters.' : 'No accounts yet. Add the first one, or import a file.'}
      bulk={{ action: '/accounts/bulk', controls: <BulkBar members={ctx.members} tags={ctx.tags} canAssign={ctx.canAssign} canArchive={ctx.canArchive} back={links.self} /> }}
    />
  )
}

export function AccountListPage({ filters, ctx, table }: { filters: ListFilters; ctx: ListContext; table: Child }) {
  return (
    <>
      <div class="page-header">
        <h1>Accounts</h1>
        {ctx.canCreate ? (
          <a class="button" href="/accounts/new">
            New account
          </a>
        ) : null}
      </div>
      <ListFiltersBar
        action="/accounts"
        filters={filters}
        options={{ members: ctx.members, tags: ctx.tags, statuses: optionsOf(ACCOUNT_STATUSES), sorts: [{ value: 'name', label: 'Name' }, { value: 'created', label: 'Created' }, { value: 'lastContacted', label: 'Last contacted' }, { value: 'status', label: 'Status' }], showOwner: ctx.showOwnerFilter, contacted: true }}
      />
      {table}
    </>
  )
}
