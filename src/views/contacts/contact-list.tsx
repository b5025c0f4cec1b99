import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { ContactRow } from '../../db/queries/contacts'
import type { ContactListQuery } from '../../domain/contacts/schemas'
import { personName } from '../../domain/records/normalise'
import { CONTACT_STATUSES } from '../../domain/records/vocab'
import { DateTime } from '../components/date-time'
import { BulkBar } from '../records/bulk-bar'
import { labelOf, optionsOf } from '../records/labels'
import { ListFiltersBar } from '../records/list-filters'
import type { ListContext, ListLinks } from '../records/list-links'
import { TagChips } from '../records/record-detail'
import { RecordTable, type Column } from '../records/record-table'

const COLUMNS: Column<ContactRow>[] = [
  { label: 'Name', sortKey: 'name', cell: (c) => <a href={`/contacts/${c.id}`}>{personName(c.firstName, c.lastName)}</a> },
  { label: 'Email', cell: (c) => c.email ?? '' },
  { label: 'Account', cell: (c) => (c.accountId && c.accountName ? <a href={`/accounts/${c.accountId}`}>{c.accountName}</a> : '') },
  { label: 'Status', sortKey: 'status', cell: (c) => labelOf(c.status) },
  { label: 'Owner', cell: (c) => c.ownerName ?? <span class="muted">Nobody</span> },
  { label: 'Tags', cell: (c) => <TagChips tags={c.tags} /> },
  { label: 'Last contacted', sortKey: 'lastContacted', cell: (c) => <DateTime value={c.lastContactedAt} precision="day" /> },
  { label: 'Created', sortKey: 'created', cell: (c) => <DateTime value={c.createdAt} precision="day" /> },
]

const SORT_OPTIONS = [
  { value: 'name', label: 'Last name' },
  { value: 'created', label: 'Created' },
  { value: 'lastContacted', label: 'Last contacted' },
  { value: 'status', label: 'Status' },
]

// The results region, returned alone to htmx filter and paging requests.
export function ContactTable({ rows, count, links, ctx, byAccount, tools }: { rows: ContactRow[]; count: number; links: ListLinks; ctx: ListContext; byAccount: boolean; tools?: Child }) {
  return (
    <RecordTable
      rows={rows}
      columns={COLUMNS}
      count={count}
      tools={tools}
      noun="contact"
      nextUrl={links.next}
      firstUrl={links.first}
      sortUrl={links.sort}
      emptyText={links.filtered || byAccount ? 'No contacts match these filters.' : 'No contacts yet. Add the first one, or import a file.'}
      bulk={{ action: '/contacts/bulk', controls: <BulkBar members={ctx.members} tags={ctx.tags} canAssign={ctx.canAssign} canArchive={ctx.canArchive} back={links.self} /> }}
    />
  )
}

export function ContactListPage({ filters, ctx, table }: { filters: ContactListQuery; ctx: ListContext; table: Child }) {
  return (
    <>
      <div class="page-header">
        <h1>Contacts</h1>
        {ctx.canCreate ? (
          <a class="button" href={filters.accountId ? `/contacts/new?accountId=${filters.accountId}` : '/contacts/new'}>
            New contact
          </a>
        ) : null}
      </div>
      <ListFiltersBar
        action="/contacts"
        filters={filters}
        options={{ members: ctx.members, tags: ctx.tags, statuses: optionsOf(CONTACT_STATUSES), sorts: SORT_OPTIONS, showOwner: ctx.showOwnerFilter, contacted: true }}
      >
        {/* The contacts of one account (a link from its page) stay that way as other filters change. */}
        {filters.accountId ? <input type="hidden" name="accountId" value={filters.accountId} /> : null}
      </ListFiltersBar>
      {table}
    </>
  )
}
