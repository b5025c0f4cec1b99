import type { ContactListQuery } from '../../../domain/contacts/schemas'
import type { LeadListQuery } from '../../../domain/leads/schemas'
import type { OpportunityListQuery } from '../../../domain/opportunities/schemas'
import type { ListFilters } from '../../../domain/records/list-query'
import type { Viewer } from '../../../domain/records/viewer'
import type { ViewEntity } from '../../../domain/views/catalogue'
import type { FilterNode } from '../../../domain/views/filter'
import type { Db } from '../../client'
import type { PartialRows } from '../records/list'
import { accountPage, listAccountsQueries, type AccountRow } from '../accounts'
import { listContactsQueries, type ContactRow } from '../contacts'
import { listLeadsQueries, type LeadRow } from '../leads'
import { listOpportunitiesQueries, type OpportunityRow } from '../opportunities'
import { countTasksQuery, listTasksQuery, taskPage, type TaskFilters, type TaskRow } from '../tasks'

// The records a filter document selects, through each entity's own list query: tenant scope,
// record visibility (own-mode reps, support and leads, support and amounts), archived records
// left out, the list's sort and keyset cursor. What a saved view shows, what its sidebar count
// counts, and what an export of it may read.

// A page request: the list's sort key (unknown keys fall back to the default) and keyset cursor.
export type RecordPage = { sort?: string; dir?: 'asc' | 'desc'; cursor?: string; limit: number } & PartialRows

export type FilteredPage =
  | { entity: 'accounts'; data: AccountRow[]; nextCursor: string | null }
  | { entity: 'contacts'; data: ContactRow[]; nextCursor: string | null }
  | { entity: 'leads'; data: LeadRow[]; nextCursor: string | null }
  | { entity: 'opportunities'; data: OpportunityRow[]; nextCursor: string | null }
  | { entity: 'tasks'; data: TaskRow[]; nextCursor: string | null }

// Tasks: the filter decides about done tasks (the task list's own default is "open only").
const taskFilters = (p: RecordPage): TaskFilters => ({ ...p, status: 'all' }) as TaskFilters

// One page of the rows of `entity` that `filter` selects and `viewer` may see (one query).
export async function filteredRecordsPage(db: Db, tenantId: string, viewer: Viewer, entity: ViewEntity, filter: FilterNode | undefined, p: RecordPage): Promise<FilteredPage> {
  switch (entity) {
    case 'accounts': {
      const q = listAccountsQueries(db, tenantId, viewer, p as ListFilters, filter)
      return { entity, ...accountPage(await q.rows, p as ListFilters, q.sort.key) }
    }
    case 'contacts': {
      const q = listContactsQueries(db, tenantId, viewer, p as ContactListQuery, filter)
      return { entity, ...q.page(await q.rows) }
    }
    case 'leads': {
      const q = listLeadsQueries(db, tenantId, viewer, p as LeadListQuery, filter)
      return { entity, ...q.page(await q.rows) }
    }
    case 'opportunities': {
      const q = listOpportunitiesQueries(db, tenantId, viewer, p as OpportunityListQuery, filter)
      return { entity, ...q.page(await q.rows) }
    }
    case 'tasks': {
      const f = taskFilters(p)
      return { entity, ...taskPage(await listTasksQuery(db, tenantId, viewer, f, filter), f) }
    }
  }
}

// How many rows `filter` selects for `viewer`, capped at COUNT_CAP: a statement to batch.
export function filteredCountQuery(db: Db, tenantId: string, viewer: Viewer, entity: ViewEntity, filter: FilterNode) {
  const p = { limit: 1 }
  switch (entity) {
    case 'accounts':
      return listAccountsQueries(db, tenantId, viewer, p, filter).count
    case 'contacts':
      return listContactsQueries(db, tenantId, viewer, p, filter).count
    case 'leads':
      return listLeadsQueries(db, tenantId, viewer, p, filter).count
    case 'opportunities':
      return listOpportunitiesQueries(db, tenantId, viewer, p, filter).count
    case 'tasks':
      return countTasksQuery(db, tenantId, viewer, taskFilters(p), filter)
  }
}
