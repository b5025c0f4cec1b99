import { getOpportunity, getOpportunityQuery, listOpportunitiesQueries, type OpportunityRow } from '../../db/queries/opportunities'
import { createOpportunity, setOpportunityArchived, updateOpportunity } from '../../db/queries/opportunity-writes'
import { timelineWithAccess } from '../../db/queries/timeline'
import { OpportunityInput, OpportunityJson, OpportunityListQuery, OpportunityPatch } from '../../domain/opportunities/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { assertAssignable, guardRecords, iso, rowsJson, timelineJson } from '../api/records'

export const opportunitiesApi = apiRouter()
guardRecords(opportunitiesApi, '/opportunities')

const routes = recordRoutes({ path: 'opportunities', singular: 'Opportunity', plural: 'Opportunities' }, { json: OpportunityJson.openapi('Opportunity'), input: OpportunityInput, patch: OpportunityPatch, query: OpportunityListQuery })

// The row as the API shows it: the stage under `stage` (its id), tag names, ISO timestamps.
export const opportunityJson = (o: OpportunityRow): OpportunityJson => ({
  id: o.id,
  name: o.name,
  accountId: o.accountId,
  accountName: o.accountName,
  contactId: o.contactId,
  amount: o.amount,
  currency: o.currency,
  pipelineId: o.pipelineId,
  stage: o.stageId,
  stageName: o.stageName,
  stageEnteredAt: o.stageEnteredAt.toISOString(),
  probability: o.probability,
  closeDate: o.closeDate,
  ownerId: o.ownerId,
  ownerName: o.ownerName,
  status: o.status,
  lostReason: o.lostReason,
  tags: o.tags.map((t) => t.name),
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
  archivedAt: iso(o.archivedAt),
})

opportunitiesApi.openapi(routes.list, async (c) => {
  const f = c.req.valid('query')
  const q = listOpportunitiesQueries(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f)
  const page = q.page(await q.rows)
  return c.json({ data: rowsJson(page.data, opportunityJson, f.fields), nextCursor: page.nextCursor }, 200)
})

opportunitiesApi.openapi(routes.create, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const viewer = viewerOf(c.var.auth)
  const id = await createOpportunity(c.var.db, c.var.tenantId, viewer, input)
  return c.json(opportunityJson(await getOpportunity(c.var.db, c.var.tenantId, viewer, id)), 201)
})

opportunitiesApi.openapi(routes.get, async (c) => c.json(opportunityJson(await getOpportunity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)), 200))

opportunitiesApi.openapi(routes.update, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const viewer = viewerOf(c.var.auth)
  const { id } = c.req.valid('param')
  await updateOpportunity(c.var.db, c.var.tenantId, viewer, id, input)
  return c.json(opportunityJson(await getOpportunity(c.var.db, c.var.tenantId, viewer, id)), 200)
})

opportunitiesApi.openapi(routes.archive, async (c) => {
  await setOpportunityArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, true)
  return c.body(null, 204)
})

opportunitiesApi.openapi(routes.timeline, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(timelineJson(await timelineWithAccess(c.var.db, c.var.tenantId, 'opportunity', id, c.req.valid('query'), getOpportunityQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))), 200)
})
