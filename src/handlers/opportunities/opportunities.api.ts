import { createRoute } from '@hono/zod-openapi'
import { getOpportunity, listOpportunities, type OpportunityRow } from '../../db/queries/opportunities'
import { createOpportunity, setOpportunityArchived, updateOpportunity } from '../../db/queries/opportunity-writes'
import { timelinePage } from '../../db/queries/timeline'
import { OpportunityInput, OpportunityJson, OpportunityListQuery, OpportunityPatch } from '../../domain/opportunities/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, TimelineEventJson, TimelineQuery, assertAssignable, guardRecords, iso, listEnvelope, timelineJson } from '../api/records'

export const opportunitiesApi = apiRouter()
guardRecords(opportunitiesApi, '/opportunities')

const Opportunity = OpportunityJson.openapi('Opportunity')
const json = { 'application/json': { schema: Opportunity } }

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

opportunitiesApi.openapi(
  createRoute({
    method: 'get',
    path: '/opportunities',
    operationId: 'listOpportunities',
    tags: ['Opportunities'],
    summary: 'List opportunities, newest first by default, with filters and a keyset cursor',
    description: 'Filter by owner, status, stage, pipeline, tag, created and close-date ranges. `amount` is null for roles that may not see deal values.',
    request: { query: OpportunityListQuery },
    responses: { 200: { description: 'A page of opportunities', content: { 'application/json': { schema: listEnvelope(Opportunity) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const page = await listOpportunities(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('query'))
    return c.json({ data: page.data.map(opportunityJson), nextCursor: page.nextCursor }, 200)
  },
)

opportunitiesApi.openapi(
  createRoute({
    method: 'post',
    path: '/opportunities',
    operationId: 'createOpportunity',
    tags: ['Opportunities'],
    summary: 'Create an opportunity',
    description: "Without `stage` the deal starts in the first stage of `pipelineId` (or of the workspace's first pipeline); without `probability` it takes the stage's; without `currency`, the workspace's.",
    request: { body: { required: true, content: { 'application/json': { schema: OpportunityInput } } } },
    responses: { 201: { description: 'Created', content: json }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const input = c.req.valid('json')
    assertAssignable(c, input)
    const viewer = viewerOf(c.var.auth)
    const id = await createOpportunity(c.var.db, c.var.tenantId, viewer, input)
    return c.json(opportunityJson(await getOpportunity(c.var.db, c.var.tenantId, viewer, id)), 201)
  },
)

opportunitiesApi.openapi(
  createRoute({
    method: 'get',
    path: '/opportunities/{id}',
    operationId: 'getOpportunity',
    tags: ['Opportunities'],
    summary: 'Read an opportunity',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The opportunity', content: json }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => c.json(opportunityJson(await getOpportunity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)), 200),
)

opportunitiesApi.openapi(
  createRoute({
    method: 'patch',
    path: '/opportunities/{id}',
    operationId: 'updateOpportunity',
    tags: ['Opportunities'],
    summary: 'Change some fields of an opportunity; writes one timeline event',
    description: 'A new `stage` must belong to the deal\'s pipeline (or to `pipelineId` in the same request); the probability then follows the stage unless given.',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: OpportunityPatch } } } },
    responses: { 200: { description: 'The updated opportunity', content: json }, ...COMMON_ERRORS, ...NOT_FOUND, 409: { description: 'Changed by someone else meanwhile' } },
  }),
  async (c) => {
    const input = c.req.valid('json')
    assertAssignable(c, input)
    const viewer = viewerOf(c.var.auth)
    const { id } = c.req.valid('param')
    await updateOpportunity(c.var.db, c.var.tenantId, viewer, id, input)
    return c.json(opportunityJson(await getOpportunity(c.var.db, c.var.tenantId, viewer, id)), 200)
  },
)

opportunitiesApi.openapi(
  createRoute({
    method: 'delete',
    path: '/opportunities/{id}',
    operationId: 'archiveOpportunity',
    tags: ['Opportunities'],
    summary: 'Archive an opportunity (it stays readable and can be restored)',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Archived' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await setOpportunityArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, true)
    return c.body(null, 204)
  },
)

opportunitiesApi.openapi(
  createRoute({
    method: 'get',
    path: '/opportunities/{id}/timeline',
    operationId: 'opportunityTimeline',
    tags: ['Opportunities'],
    summary: "An opportunity's history, newest first",
    request: { params: RecordIdParam, query: TimelineQuery },
    responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: listEnvelope(TimelineEventJson) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await getOpportunity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
    return c.json(timelineJson(await timelinePage(c.var.db, c.var.tenantId, 'opportunity', id, c.req.valid('query'))), 200)
  },
)
