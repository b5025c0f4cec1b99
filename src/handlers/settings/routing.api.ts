import { createRoute, z } from '@hono/zod-openapi'
import { previewRouting } from '../../db/queries/routing'
import { defaultOwnerQuery, setDefaultOwner } from '../../db/queries/routing-rules'
import { sampleLeadFacts } from '../../domain/routing/match'
import { DefaultOwnerInput, SampleLead } from '../../domain/routing/rules'
import { AppError } from '../../lib/errors'
import { COMMON_ERRORS, apiRouter } from '../api/openapi'
import { requirePermission } from '../middleware/permission'

// The owner of leads no routing rule takes, and a dry run of routing for a sample lead.
export const routingApi = apiRouter()
routingApi.use('/routing/*', requirePermission('routing.manage'))

const TAGS = ['Lead routing']
const DefaultOwnerJson = z.object({ userId: z.string().nullable() }).openapi('DefaultLeadOwner')
const PreviewJson = z
  .object({ ruleId: z.string().nullable(), ruleName: z.string().nullable(), ownerId: z.string().nullable() })
  .openapi('RoutingPreview', { description: 'The rule that matches (null: none), and who would get the lead next (null: nobody).' })

routingApi.openapi(
  createRoute({ method: 'get', path: '/routing/default-owner', operationId: 'getDefaultLeadOwner', tags: TAGS, summary: 'Who gets new leads that no rule takes', responses: { 200: { description: 'The default owner; null leaves such leads unassigned', content: { 'application/json': { schema: DefaultOwnerJson } } }, ...COMMON_ERRORS } }),
  async (c) => {
    const [tenant] = await defaultOwnerQuery(c.var.db, c.var.tenantId)
    return c.json({ userId: tenant?.userId ?? null }, 200)
  },
)

routingApi.openapi(
  createRoute({
    method: 'put',
    path: '/routing/default-owner',
    operationId: 'setDefaultLeadOwner',
    tags: TAGS,
    summary: 'Set who gets new leads that no rule takes',
    request: { body: { required: true, content: { 'application/json': { schema: DefaultOwnerInput } } } },
    responses: { 200: { description: 'Saved', content: { 'application/json': { schema: DefaultOwnerJson } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const { userId } = c.req.valid('json')
    if (!(await setDefaultOwner(c.var.db, c.var.tenantId, userId))) throw new AppError('VALIDATION', 'Some fields need attention.', [{ path: 'userId', message: 'Choose an active member of this workspace, or null.' }])
    return c.json({ userId }, 200)
  },
)

routingApi.openapi(
  createRoute({
    method: 'post',
    path: '/routing/preview',
    operationId: 'previewRouting',
    tags: TAGS,
    summary: 'Who would get a lead with these facts',
    description: 'Runs the rules against a sample lead without saving anything or taking a round-robin turn: ownerId is who is next in line.',
    request: { body: { required: true, content: { 'application/json': { schema: SampleLead } } } },
    responses: { 200: { description: 'The outcome', content: { 'application/json': { schema: PreviewJson } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const { rule, ownerId } = await previewRouting(c.var.db, c.var.tenantId, sampleLeadFacts(c.req.valid('json')))
    return c.json({ ruleId: rule?.id ?? null, ruleName: rule?.name ?? null, ownerId }, 200)
  },
)
