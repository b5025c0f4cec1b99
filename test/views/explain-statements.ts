import type { SQLWrapper } from 'drizzle-orm'
import type { Db } from '../../src/db/client'
import { listAccountsQueries } from '../../src/db/queries/accounts'
import { listContactsQueries } from '../../src/db/queries/contacts'
import { listLeadsQueries } from '../../src/db/queries/leads'
import { myWorkQueries } from '../../src/db/queries/my-work'
import { boardQueries } from '../../src/db/queries/opportunity-board'
import { listOpportunitiesQueries } from '../../src/db/queries/opportunities'
import { listTasksQuery } from '../../src/db/queries/tasks'
import type { LeadListQuery } from '../../src/domain/leads/schemas'
import type { OpportunityListQuery } from '../../src/domain/opportunities/schemas'
import { workWindows } from '../../src/domain/my-work/windows'
import type { Viewer } from '../../src/domain/records/viewer'
import { BUILTIN_VIEWS } from '../../src/domain/views/builtin'
import type { ViewEntity } from '../../src/domain/views/catalogue'
import { parseSort } from '../../src/domain/views/schemas'

// The statements the app sends for the pages whose plans views.explain.test.ts checks, built by
// the same query functions with the same arguments as the handlers: page 1 with the default
// sort, as `viewer` sees it.

const builtin = (key: string) => {
  const view = BUILTIN_VIEWS.find((v) => v.builtinKey === key)
  if (!view) throw new Error(`no built-in view ${key}`)
  return view
}

// A built-in view's records, as filteredRecordsPage (GET /views/:id/records) reads them with the
// view's own sort, and its sidebar count.
function viewStatements(db: Db, tenantId: string, viewer: Viewer, key: string) {
  const view = builtin(key)
  const p = { limit: 50, ...parseSort(view.entity, view.sort) }
  const lists: Record<Exclude<ViewEntity, 'tasks' | 'contacts'>, () => { rows: SQLWrapper; count: SQLWrapper }> = {
    leads: () => listLeadsQueries(db, tenantId, viewer, p as LeadListQuery, view.filter),
    accounts: () => listAccountsQueries(db, tenantId, viewer, p, view.filter),
    opportunities: () => listOpportunitiesQueries(db, tenantId, viewer, p as OpportunityListQuery, view.filter),
  }
  return lists[view.entity as keyof typeof lists]()
}

export function explainStatements(db: Db, tenantId: string, viewer: Viewer, ownerId: string) {
  const byOwner = { owner: ownerId, limit: 50 }
  const board = boardQueries(db, tenantId, viewer, 'first')
  const [overdue, today, upcoming, myLeads, myDeals] = myWorkQueries(db, tenantId, viewer, workWindows(new Date()))
  const myOpenLeads = viewStatements(db, tenantId, viewer, 'my-open-leads')
  const inactive = viewStatements(db, tenantId, viewer, 'inactive-customers')
  const highValue = viewStatements(db, tenantId, viewer, 'high-value-closing-this-quarter')
  return {
    'view: my open leads': myOpenLeads.rows,
    'view: my open leads (count)': myOpenLeads.count,
    'view: inactive customers': inactive.rows,
    'view: inactive customers (count)': inactive.count,
    'view: high-value deals this quarter': highValue.rows,
    'view: high-value deals this quarter (count)': highValue.count,
    'leads list': listLeadsQueries(db, tenantId, viewer, { limit: 50 }).rows,
    'leads by owner, status new': listLeadsQueries(db, tenantId, viewer, { ...byOwner, status: 'new' }).rows,
    'leads by owner, open': listLeadsQueries(db, tenantId, viewer, { ...byOwner, status: 'open' }).rows,
    'contacts list': listContactsQueries(db, tenantId, viewer, { limit: 50 }).rows,
    'contacts by owner, status customer': listContactsQueries(db, tenantId, viewer, { ...byOwner, status: 'customer' }).rows,
    'accounts by owner, status customer': listAccountsQueries(db, tenantId, viewer, { ...byOwner, status: 'customer' }).rows,
    'deals by owner, status open': listOpportunitiesQueries(db, tenantId, viewer, { ...byOwner, status: 'open' }).rows,
    'board: column totals': board.totals,
    'board: cards': board.cards,
    'my work: overdue tasks': overdue,
    'my work: today tasks': today,
    'my work: upcoming tasks': upcoming,
    'my work: open leads': myLeads,
    'my work: deals closing this month': myDeals,
    'tasks list: open': listTasksQuery(db, tenantId, viewer, { status: 'open', limit: 50 }),
    'tasks list: mine, open': listTasksQuery(db, tenantId, viewer, { assigneeId: 'me', status: 'open', limit: 50 }),
  } satisfies Record<string, SQLWrapper>
}
