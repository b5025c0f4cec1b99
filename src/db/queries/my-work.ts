import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { WorkWindows } from '../../domain/my-work/windows'
import { canSeeAmounts, canSeeLeads, type Viewer } from '../../domain/records/viewer'
import { OPEN_LEAD_STATUSES } from '../../domain/records/vocab'
import type { Db } from '../client'
import { leads, opportunities, pipelineStages } from '../schema'
import { newestFirst } from './records/list'
import { myOpenTasksQuery } from './tasks'

// Each section shows this many; the rest are a "see all" link away.
export const SECTION_LIMIT = 25

const deal = sql.identifier('opportunities')

// Everything on the My work page, as statements for one db.batch: one round trip after the
// session. Every section is the viewer's own, so visibility is theirs by definition; support,
// who never sees leads, gets an empty leads section.
export function myWorkQueries(db: Db, tenantId: string, viewer: Viewer, w: WorkWindows) {
  const me = viewer.userId
  return [
    myOpenTasksQuery(db, tenantId, me, { before: w.today }, SECTION_LIMIT),
    myOpenTasksQuery(db, tenantId, me, { from: w.today, before: w.tomorrow }, SECTION_LIMIT),
    myOpenTasksQuery(db, tenantId, me, { from: w.tomorrow, before: w.weekEnd }, SECTION_LIMIT),
    db
      .select({ id: leads.id, firstName: leads.firstName, lastName: leads.lastName, companyName: leads.companyName, email: leads.email, status: leads.status, score: leads.score, createdAt: leads.createdAt })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.ownerId, me), inArray(leads.status, [...OPEN_LEAD_STATUSES]), isNull(leads.archivedAt), canSeeLeads(viewer) ? undefined : sql`false`))
      .orderBy(...newestFirst(leads.createdAt, leads.id))
      .limit(SECTION_LIMIT),
    db
      .select({
        id: opportunities.id,
        name: opportunities.name,
        amount: canSeeAmounts(viewer) ? opportunities.amount : sql<string | null>`null::numeric`,
        currency: opportunities.currency,
        closeDate: opportunities.closeDate,
        stageName: sql<string | null>`(select s.name from ${pipelineStages} s where s.tenant_id = ${deal}.tenant_id and s.id = ${deal}.stage_id)`,
      })
      .from(opportunities)
      .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.ownerId, me), eq(opportunities.status, 'open'), isNull(opportunities.archivedAt), gte(opportunities.closeDate, w.monthStart), lte(opportunities.closeDate, w.monthEnd)))
      .orderBy(asc(opportunities.closeDate), asc(opportunities.id))
      .limit(SECTION_LIMIT),
  ] as const
}
