import { count, sql, type SQLWrapper } from 'drizzle-orm'
import type { ContactListQuery } from '../../domain/contacts/schemas'
import type { LeadListQuery } from '../../domain/leads/schemas'
import type { OpportunityListQuery } from '../../domain/opportunities/schemas'
import type { ListFilters } from '../../domain/records/list-query'
import type { Viewer } from '../../domain/records/viewer'
import type { ViewEntity } from '../../domain/views/catalogue'
import type { FilterNode } from '../../domain/views/filter'
import type { ExportRows } from '../../views/exports/columns'
import type { Db } from '../client'
import { accountPage, listAccountsQueries } from './accounts'
import { listContactsQueries } from './contacts'
import { listLeadsQueries } from './leads'
import { listOpportunitiesQueries } from './opportunities'
import { listTasksQuery, taskPage, type TaskFilters } from './tasks'

// The rows of an export are the list's rows: each entity's own list query, with the list's URL
// filters, its `filter=` document and the saved view's filter, tenant scope and visibility (own
// mode, support and leads, support and amounts), archived rows left out, in the list's order.
// Only the page size differs, and the pages are walked to the end by the list's keyset cursor.
// (filteredRecordsPage in views/records.ts takes a view's document but not a list's URL filters,
// and reads every task, so it is not the task list's "open tasks" default.)

type Page<Row> = { data: Row[]; nextCursor: string | null }
type Listing<Row> = { rows: SQLWrapper & PromiseLike<Row[]>; page: (rows: Row[]) => Page<Row> }
type Lister<Row> = (db: Db, tenantId: string, viewer: Viewer, f: Record<string, unknown> & { limit: number }, view: FilterNode | undefined) => Listing<Row>

const LISTS: { [E in ViewEntity]: Lister<ExportRows[E]> } = {
  accounts: (db, tenantId, viewer, f, view) => {
    const q = listAccountsQueries(db, tenantId, viewer, f as ListFilters, view)
    return { rows: q.rows, page: (rows) => accountPage(rows, f as ListFilters, q.sort.key) }
  },
  contacts: (db, tenantId, viewer, f, view) => listContactsQueries(db, tenantId, viewer, f as ContactListQuery, view),
  leads: (db, tenantId, viewer, f, view) => listLeadsQueries(db, tenantId, viewer, f as LeadListQuery, view),
  opportunities: (db, tenantId, viewer, f, view) => listOpportunitiesQueries(db, tenantId, viewer, f as OpportunityListQuery, view),
  tasks: (db, tenantId, viewer, f, view) => ({ rows: listTasksQuery(db, tenantId, viewer, f as TaskFilters, view), page: (rows) => taskPage(rows, f as TaskFilters) }),
}

// One page of the list's rows after `cursor`. Building the statement compiles the filters, so an
// invalid `filter=` document (422) or one on amounts the viewer may not see (403) throws here.
export function exportListing<E extends ViewEntity>(db: Db, tenantId: string, viewer: Viewer, entity: E, filters: Record<string, unknown>, view: FilterNode | undefined, cursor: string | undefined, limit: number) {
  return LISTS[entity](db, tenantId, viewer, { ...filters, cursor, limit }, view)
}

// How many rows the export holds, counting no further than cap + 1: enough to tell a stream from
// a job without counting a million rows. PostgreSQL drops the unused columns (owner names, tags)
// of the inner query, so this reads only what the filters and order need.
export const exportCountQuery = (db: Db, rows: SQLWrapper) => db.select({ n: count() }).from(sql`(${rows}) as export_rows`)
