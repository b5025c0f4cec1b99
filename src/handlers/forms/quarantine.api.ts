import { createRoute, z } from '@hono/zod-openapi'
import { deleteQuarantined, listQuarantineQuery, quarantinePage } from '../../db/queries/quarantine'
import { QuarantineIds, QuarantineQuery, submitterOf } from '../../domain/forms/quarantine'
import { SPAM_REASONS } from '../../domain/forms/submissions'
import { releaseQuarantined } from '../../lib/forms/release'
import { COMMON_ERRORS, apiRouter } from '../api/openapi'
import { listEnvelope } from '../api/records'
import { requirePermission } from '../middleware/permission'

// The quarantine as JSON, for whoever manages forms: list the held submissions, release them into
// leads or delete them, up to 500 at a time. Ids of another workspace, or no longer held, are
// not counted.
export const quarantineApi = apiRouter()
quarantineApi.use('/quarantine', requirePermission('forms.manage'))
quarantineApi.use('/quarantine/*', requirePermission('forms.manage'))

const TAGS = ['Forms']

const HeldSubmissionJson = z
  .object({
    id: z.string(),
    formId: z.string(),
    formName: z.string(),
    receivedAt: z.string(),
    spamReasons: z.array(z.string()).openapi({ description: `Why it was held: ${SPAM_REASONS.join(', ')}` }),
    origin: z.string().nullable(),
    referrer: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).openapi({ description: 'The posted fields as received (long values cut)' }),
  })
  .openapi('HeldSubmission')

const idsBody = { required: true, content: { 'application/json': { schema: QuarantineIds.openapi('QuarantineIds') } } }

quarantineApi.openapi(
  createRoute({
    method: 'get',
    path: '/quarantine',
    operationId: 'listQuarantine',
    tags: TAGS,
    summary: 'Submissions held as suspected spam, newest first',
    request: { query: QuarantineQuery },
    responses: { 200: { description: 'A page of held submissions', content: { 'application/json': { schema: listEnvelope(HeldSubmissionJson) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const f = c.req.valid('query')
    const page = quarantinePage(await listQuarantineQuery(c.var.db, c.var.tenantId, f), f)
    const data = page.data.map(({ fields, receivedAt, ...s }) => ({ ...s, ...submitterOf(fields, s.payload), receivedAt: receivedAt.toISOString() }))
    return c.json({ data, nextCursor: page.nextCursor }, 200)
  },
)

quarantineApi.openapi(
  createRoute({
    method: 'post',
    path: '/quarantine/release',
    operationId: 'releaseQuarantine',
    tags: TAGS,
    summary: 'Release held submissions into leads',
    description: 'Each becomes a lead as if it had come in clean: deduplicated, routed, its owner emailed. One released or deleted meanwhile by another request is counted in failed.',
    request: { body: idsBody },
    responses: { 200: { description: 'How many were released', content: { 'application/json': { schema: z.object({ released: z.number().int(), failed: z.number().int() }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => c.json(await releaseQuarantined(c.env, c.var.db, c.var.tenantId, c.req.valid('json').ids, c.var.userId, c.var.requestId), 200),
)

quarantineApi.openapi(
  createRoute({
    method: 'post',
    path: '/quarantine/delete',
    operationId: 'deleteQuarantine',
    tags: TAGS,
    summary: 'Delete held submissions for good',
    request: { body: idsBody },
    responses: { 200: { description: 'How many were deleted', content: { 'application/json': { schema: z.object({ deleted: z.number().int() }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => c.json({ deleted: await deleteQuarantined(c.var.db, c.var.tenantId, c.req.valid('json').ids) }, 200),
)
