import { createRoute, z } from '@hono/zod-openapi'
import { deleteRoutingRule, getRoutingRule, listRoutingRules, reorderRoutingRules } from '../../db/queries/routing-rules'
import { Assignee, RoutingRuleInput, RuleCondition } from '../../domain/routing/rules'
import { AppError } from '../../lib/errors'
import { parseOrThrow } from '../../lib/validation'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam } from '../api/records'
import { requirePermission } from '../middleware/permission'
import { NO_SUCH_RULE, saveRoutingRule } from './save-routing-rule'

// The workspace's lead routing rules as JSON, in the order they are tried; for managers and
// admins, like the settings page. The default owner and the preview are routing.api.ts.
export const routingRulesApi = apiRouter()
routingRulesApi.use('/routing-rules', requirePermission('routing.manage'))
routingRulesApi.use('/routing-rules/*', requirePermission('routing.manage'))

const TAGS = ['Lead routing']
const RoutingRuleJson = z
  .object({ id: z.string(), position: z.number().int(), name: z.string(), conditions: z.array(RuleCondition), action: z.enum(['assign', 'round_robin']), assignees: z.array(Assignee), enabled: z.boolean() })
  .openapi('RoutingRule')
const one = (description: string) => ({ description, content: { 'application/json': { schema: RoutingRuleJson } } })
const list = (description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: z.array(RoutingRuleJson) }) } } })

// A partial change: any of the rule's own fields, merged onto the stored rule and validated whole,
// so the errors name the same paths as a create's. Its place changes only through reorder.
const RoutingRulePatch = z.record(z.string(), z.unknown()).openapi('RoutingRulePatch', {
  description: 'Any fields of the rule except its position. Conditions and assignees are replaced whole.',
  example: { enabled: false },
})
const ReorderInput = z.strictObject({ ids: z.array(z.uuid()).max(1000) }).openapi('RoutingRuleOrder', { description: 'Every rule id of the workspace, once, in the new order.' })

routingRulesApi.openapi(
  createRoute({ method: 'get', path: '/routing-rules', operationId: 'listRoutingRules', tags: TAGS, summary: "The workspace's routing rules, in the order they are tried", responses: { 200: list('Every rule, on or off'), ...COMMON_ERRORS } }),
  async (c) => c.json({ data: await listRoutingRules(c.var.db, c.var.tenantId) }, 200),
)

routingRulesApi.openapi(
  createRoute({
    method: 'post',
    path: '/routing-rules',
    operationId: 'createRoutingRule',
    tags: TAGS,
    summary: 'Add a routing rule at the end of the list',
    description: 'Every assignee must be an active member of the workspace. An assign rule names one person; a round-robin rule takes turns among its people, each as often as their weight.',
    request: { body: { required: true, content: { 'application/json': { schema: RoutingRuleInput } } } },
    responses: { 201: one('Created'), ...COMMON_ERRORS },
  }),
  async (c) => c.json(await saveRoutingRule(c.var.db, c.var.tenantId, c.req.valid('json')), 201),
)

// Before /routing-rules/{id}, which would otherwise take "reorder" for an id.
routingRulesApi.openapi(
  createRoute({
    method: 'post',
    path: '/routing-rules/reorder',
    operationId: 'reorderRoutingRules',
    tags: TAGS,
    summary: 'Put the rules in a new order',
    request: { body: { required: true, content: { 'application/json': { schema: ReorderInput } } } },
    responses: { 200: list('The rules in their new order'), ...COMMON_ERRORS },
  }),
  async (c) => {
    const { ids } = c.req.valid('json')
    const rules = await listRoutingRules(c.var.db, c.var.tenantId)
    const known = new Set(rules.map((r) => r.id))
    const errors = ids.flatMap((id, i) => (!known.has(id) ? [{ path: `ids.${i}`, message: NO_SUCH_RULE }] : ids.indexOf(id) < i ? [{ path: `ids.${i}`, message: 'Each rule can appear once.' }] : []))
    const missing = rules.filter((r) => !ids.includes(r.id))
    if (missing.length) errors.push({ path: 'ids', message: `List every rule of the workspace; missing: ${missing.map((r) => r.name).join(', ')}.` })
    if (errors.length) throw new AppError('VALIDATION', 'Some fields need attention.', errors)
    await reorderRoutingRules(c.var.db, c.var.tenantId, ids)
    return c.json({ data: await listRoutingRules(c.var.db, c.var.tenantId) }, 200)
  },
)

routingRulesApi.openapi(
  createRoute({ method: 'get', path: '/routing-rules/{id}', operationId: 'getRoutingRule', tags: TAGS, summary: 'One routing rule', request: { params: RecordIdParam }, responses: { 200: one('The rule'), ...COMMON_ERRORS, ...NOT_FOUND } }),
  async (c) => {
    const rule = await getRoutingRule(c.var.db, c.var.tenantId, c.req.valid('param').id)
    if (!rule) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
    return c.json(rule, 200)
  },
)

routingRulesApi.openapi(
  createRoute({
    method: 'patch',
    path: '/routing-rules/{id}',
    operationId: 'updateRoutingRule',
    tags: TAGS,
    summary: 'Change some fields of a routing rule',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: RoutingRulePatch } } } },
    responses: { 200: one('The changed rule'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const rule = await getRoutingRule(c.var.db, c.var.tenantId, c.req.valid('param').id)
    if (!rule) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
    const { id: _id, position: _position, ...stored } = rule
    const input = parseOrThrow(RoutingRuleInput, { ...stored, ...c.req.valid('json') })
    return c.json(await saveRoutingRule(c.var.db, c.var.tenantId, input, rule), 200)
  },
)

routingRulesApi.openapi(
  createRoute({
    method: 'delete',
    path: '/routing-rules/{id}',
    operationId: 'deleteRoutingRule',
    tags: TAGS,
    summary: 'Delete a routing rule',
    description: 'Leads it already routed keep their owners.',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    if (!(await deleteRoutingRule(c.var.db, c.var.tenantId, c.req.valid('param').id))) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
    return c.body(null, 204)
  },
)
