import { and, asc, desc, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { OpportunityListQuery } from '../../domain/opportunities/schemas'
import { canSeeAmounts, type Viewer } from '../../domain/records/viewer'
import { AppError } from '../../lib/errors'
import type { Db } from '../client'
import { accounts, contacts, opportunities, pipelineStages } from '../schema'
import { ownerName, tagsColumn } from './records/columns'
import { cappedCount, columnsFor, commonFilters, keysetAfter, keysetOrder, pageOf, visibleTo, type PartialRows, type Sort, type SortColumn } from './records/list'
import { listFilterSql } from './views/compile'
import type { FilterNode } from '../../domain/views/filter'

// Reading deals: the list with its filters and keyset pages, and one deal. Writes live in
// opportunity-writes.ts, the board in opportunity-board.ts.

type SortDef = SortColumn & { defaultDir: 'asc' | 'desc'; value: (r: OpportunityRow) => unknown }

const SORTS: Record<string, SortDef> = {
  created: { column: opportunities.createdAt, kind: 'time', nullable: false, defaultDir: 'desc', value: (r) => r.createdAt },
  name: { column: opportunities.name, kind: 'text', nullable: false, defaultDir: 'asc', value: (r) => r.name },
  // numeric arrives as a string; the cursor carries it as a number, which is exact for 2 decimals.
  amount: { column: opportunities.amount, kind: 'number', nullable: true, defaultDir: 'desc', value: (r) => (r.amount === null ? null : Number(r.amount)) },
  closeDate: { column: opportunities.closeDate, kind: 'date', nullable: true, defaultDir: 'asc', value: (r) => r.closeDate },
}

// Support may not see amounts, so may not order by them either (the order would leak them).
function sortOf(f: OpportunityListQuery, viewer: Viewer): Sort & SortDef {
  const key = f.sort && SORTS[f.sort] && (f.sort !== 'amount' || canSeeAmounts(viewer)) ? f.sort : 'created'
  const s = SORTS[key] as SortDef
  return { ...s, dir: f.dir ?? s.defaultDir }
}

// Correlated subqueries name the outer table explicitly: drizzle leaves single-table column
// references unqualified, and inside a subquery "id" would mean the inner table's.
const deal = sql.identifier('opportunities')
export const contactName = sql<string | null>`(select nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') from ${contacts} c where c.tenant_id = ${deal}.tenant_id and c.id = ${deal}.contact_id)`
export const accountName = sql<string | null>`(select a.name from ${accounts} a where a.tenant_id = ${deal}.tenant_id and a.id = ${deal}.account_id)`

// The amount is withheld in the query itself for roles that may not see it.
export const amountFor = (viewer: Viewer) => (canSeeAmounts(viewer) ? opportunities.amount : sql<string | null>`null::numeric`)

const rowFor = (viewer: Viewer) => ({
  id: opportunities.id,
  name: opportunities.name,
  accountId: opportunities.accountId,
  accountName,
  contactId: opportunities.contactId,
  contactName,
  amount: amountFor(viewer),
  currency: opportunities.currency,
  pipelineId: opportunities.pipelineId,
  stageId: opportunities.stageId,
  stageName: pipelineStages.name,
  stageProbability: pipelineStages.probability,
  rottingDays: pipelineStages.rottingDays,
  stageEnteredAt: opportunities.stageEnteredAt,
  probability: opportunities.probability,
  closeDate: opportunities.closeDate,
  ownerId: opportunities.ownerId,
  ownerName: ownerName('opportunities'),
  status: opportunities.status,
  lostReason: opportunities.lostReason,
  lastContactedAt: opportunities.lastContactedAt,
  tags: tagsColumn('opportunityId', 'opportunities'),
  createdAt: opportunities.createdAt,
  updatedAt: opportunities.updatedAt,
  archivedAt: opportunities.archivedAt,
})

export const scope = (tenantId: string, viewer: Viewer) => and(eq(opportunities.tenantId, tenantId), visibleTo(opportunities.ownerId, viewer))

const withStage = and(eq(pipelineStages.tenantId, opportunities.tenantId), eq(pipelineStages.id, opportunities.stageId))

function listWhere(tenantId: string, viewer: Viewer, f: OpportunityListQuery, view?: FilterNode): SQL | undefined {
  return and(
    scope(tenantId, viewer),
    isNull(opportunities.archivedAt),
    listFilterSql('opportunities', { tenantId, viewer }, f.filter, view),
    ...commonFilters(f, viewer, { tenantId, id: opportunities.id, ownerId: opportunities.ownerId, status: opportunities.status, createdAt: opportunities.createdAt, lastContactedAt: opportunities.lastContactedAt, tagTarget: 'opportunityId' }),
    f.stage ? eq(opportunities.stageId, f.stage) : undefined,
    f.pipeline ? eq(opportunities.pipelineId, f.pipeline) : undefined,
    f.closeFrom ? gte(opportunities.closeDate, f.closeFrom) : undefined,
    f.closeTo ? lte(opportunities.closeDate, f.closeTo) : undefined,
  )
}

// The statements of one list page, for the caller to batch with whatever else the page needs.
// `view` is the filter of the saved view the list shows, if any.
export function listOpportunitiesQueries(db: Db, tenantId: string, viewer: Viewer, f: OpportunityListQuery & PartialRows, view?: FilterNode) {
  const sort = sortOf(f, viewer)
  const where = listWhere(tenantId, viewer, f, view)
  return {
    page: (rows: OpportunityRow[]) => pageOf(rows, f.limit, sort.value),
    rows: db
      .select(columnsFor(rowFor(viewer), f.fields, sort.column))
      .from(opportunities)
      .innerJoin(pipelineStages, withStage)
      .where(and(where, keysetAfter(sort, opportunities.id, f.cursor)))
      .orderBy(...keysetOrder(sort, opportunities.id))
      .limit(f.limit + 1),
    count: cappedCount(db, opportunities, where),
  }
}

export const getOpportunityQuery = (db: Db, tenantId: string, viewer: Viewer, id: string) =>
  db.select(rowFor(viewer)).from(opportunities).innerJoin(pipelineStages, withStage).where(and(scope(tenantId, viewer), eq(opportunities.id, id)))

export type OpportunityRow = Awaited<ReturnType<typeof getOpportunityQuery>>[number]

export const NO_SUCH_OPPORTUNITY = 'No such opportunity in this workspace.'

export async function getOpportunity(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<OpportunityRow> {
  const [found] = await getOpportunityQuery(db, tenantId, viewer, id)
  if (!found) throw new AppError('NOT_FOUND', NO_SUCH_OPPORTUNITY)
  return found
}

// The deal form's contact picker: the workspace's contacts by name, the chosen one always
// included however far down the alphabet it is.
export const CONTACT_OPTIONS_LIMIT = 200
export const contactOptionsQuery = (db: Db, tenantId: string, viewer: Viewer, chosen: string | null) => {
  const isChosen = chosen ? eq(contacts.id, chosen) : undefined
  const name = sql<string>`coalesce(nullif(trim(concat_ws(' ', ${contacts.firstName}, ${contacts.lastName})), ''), ${contacts.email}, 'Unnamed contact')`
  return db
    .select({ id: contacts.id, name })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), or(and(isNull(contacts.archivedAt), visibleTo(contacts.ownerId, viewer)), isChosen)))
    .orderBy(...(isChosen ? [desc(isChosen)] : []), asc(name), asc(contacts.id))
    .limit(CONTACT_OPTIONS_LIMIT)
}
