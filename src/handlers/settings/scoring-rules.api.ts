import { createRoute, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { deleteRule, getRule, listRules } from '../../db/queries/scoring-rules'
import { EngagementRuleInput, FitRuleInput, ScoringRuleInput, ThresholdRuleInput } from '../../domain/scoring/rules'
import { can } from '../../domain/access/permissions'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { toFieldErrors } from '../../lib/validation'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam } from '../api/records'
import { saveScoringRule } from './save-scoring-rule'
import { rescoreAfterRuleChange } from '../../lib/jobs/enqueue-score'

// The workspace's lead scoring rules as JSON. Everyone in the workspace may read them (they
// explain every score); changing them is for admins, like the settings page.
export const scoringRulesApi = apiRouter()

const writesNeedSettings: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && !can(c.var.role, 'settings.manage')) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
  await next()
}
scoringRulesApi.use('/scoring-rules', writesNeedSettings)
scoringRulesApi.use('/scoring-rules/*', writesNeedSettings)
// '/*' also matches the bare path, so this one registration covers both (once).
scoringRulesApi.use('/scoring-rules/*', rescoreAfterRuleChange)

const withId = { id: z.string() }
const ScoringRuleJson = z.discriminatedUnion('kind', [FitRuleInput.extend(withId), EngagementRuleInput.extend(withId), ThresholdRuleInput.extend(withId)]).openapi('ScoringRule')
const one = (description: string) => ({ description, content: { 'application/json': { schema: ScoringRuleJson } } })
const NOT_FOUND_MESSAGE = 'No such scoring rule in this workspace.'

// A partial change: any of the rule's own fields. It is merged onto the stored rule and the
// result validated whole, so the errors name the same paths as a create's.
const ScoringRulePatch = z.record(z.string(), z.unknown()).openapi('ScoringRulePatch', {
  description: 'Any fields of the rule, except kind (a rule keeps its kind). A fit rule’s condition is replaced whole.',
  example: { points: 20, enabled: false },
})

scoringRulesApi.openapi(
  createRoute({
    method: 'get',
    path: '/scoring-rules',
    operationId: 'listScoringRules',
    tags: ['Lead scoring'],
    summary: "The workspace's scoring rules, oldest first",
    responses: { 200: { description: 'Every rule, enabled or not', content: { 'application/json': { schema: z.object({ data: z.array(ScoringRuleJson) }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => c.json({ data: await listRules(c.var.db, c.var.tenantId) }, 200),
)

scoringRulesApi.openapi(
  createRoute({
    method: 'post',
    path: '/scoring-rules',
    operationId: 'createScoringRule',
    tags: ['Lead scoring'],
    summary: 'Add a fit rule, an engagement rule or a threshold',
    description: 'Scores take the new rule on the nightly recompute, or when a lead or its activity next changes. A threshold’s assignTo must be an active member of the workspace.',
    request: { body: { required: true, content: { 'application/json': { schema: ScoringRuleInput } } } },
    responses: { 201: one('Created'), ...COMMON_ERRORS },
  }),
  async (c) => c.json(await saveScoringRule(c.var.db, c.var.tenantId, c.req.valid('json')), 201),
)

scoringRulesApi.openapi(
  createRoute({
    method: 'get',
    path: '/scoring-rules/{id}',
    operationId: 'getScoringRule',
    tags: ['Lead scoring'],
    summary: 'One scoring rule',
    request: { params: RecordIdParam },
    responses: { 200: one('The rule'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const rule = await getRule(c.var.db, c.var.tenantId, c.req.valid('param').id)
    if (!rule) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    return c.json(rule, 200)
  },
)

scoringRulesApi.openapi(
  createRoute({
    method: 'patch',
    path: '/scoring-rules/{id}',
    operationId: 'updateScoringRule',
    tags: ['Lead scoring'],
    summary: 'Change some fields of a scoring rule',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: ScoringRulePatch } } } },
    responses: { 200: one('The changed rule'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    const rule = await getRule(c.var.db, c.var.tenantId, id)
    if (!rule) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    const { id: _id, ...stored } = rule
    // A change of kind is named together with whatever else is wrong (an unknown field, say).
    const kindChanged = patch.kind !== undefined && patch.kind !== rule.kind
    const result = ScoringRuleInput.safeParse({ ...stored, ...patch, kind: rule.kind })
    const errors = [...(kindChanged ? [{ path: 'kind', message: 'A rule cannot change kind. Add a new rule instead.' }] : []), ...(result.success ? [] : toFieldErrors(result.error))]
    if (!result.success || kindChanged) throw new AppError('VALIDATION', kindChanged ? 'A rule keeps its kind.' : 'Some fields need attention.', errors)
    const input = result.data
    return c.json(await saveScoringRule(c.var.db, c.var.tenantId, input, id), 200)
  },
)

scoringRulesApi.openapi(
  createRoute({
    method: 'delete',
    path: '/scoring-rules/{id}',
    operationId: 'deleteScoringRule',
    tags: ['Lead scoring'],
    summary: 'Delete a scoring rule',
    description: 'Leads keep the points it gave them until their scores are next recomputed.',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    if (!(await deleteRule(c.var.db, c.var.tenantId, c.req.valid('param').id))) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    return c.body(null, 204)
  },
)
