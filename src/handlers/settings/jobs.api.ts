import { createRoute, z } from '@hono/zod-openapi'
import { deadJobsPage, listDeadJobsQuery } from '../../db/queries/job-failures'
import { DeadJobsQuery } from '../../domain/jobs/failures'
import { discardDeadJobs, retryDeadJobs } from '../../lib/jobs/dead-jobs'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { listEnvelope } from '../api/records'
import { requirePermission } from '../middleware/permission'

// The Jobs page's dead jobs as JSON, for admins: this workspace's jobs that used up their
// retries, and Retry or Discard for one of them.
export const jobsApi = apiRouter()
jobsApi.use('/jobs/*', requirePermission('settings.manage'))

const DeadJobJson = z
  .object({
    type: z.string(),
    key: z.string(),
    attempts: z.number().int(),
    lastError: z.string(),
    payload: z.record(z.string(), z.unknown()).openapi({ description: 'The message body, as Retry sends it again' }),
    firstFailedAt: z.string(),
    lastFailedAt: z.string(),
    deadAt: z.string(),
  })
  .openapi('DeadJob')

// A job is named by its type and idempotency key.
const DeadJobRef = z.object({ type: z.string().min(1).max(100), key: z.string().min(1).max(1000) }).strict().openapi('DeadJobRef')

jobsApi.openapi(
  createRoute({
    method: 'get',
    path: '/jobs/dead',
    operationId: 'listDeadJobs',
    tags: ['Jobs'],
    summary: "The workspace's dead jobs, newest first",
    description: 'Jobs that failed on every delivery (the first and 5 retries). Jobs without a workspace are not listed.',
    request: { query: DeadJobsQuery },
    responses: { 200: { description: 'A page of dead jobs', content: { 'application/json': { schema: listEnvelope(DeadJobJson) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const f = c.req.valid('query')
    const page = deadJobsPage(await listDeadJobsQuery(c.var.db, c.var.tenantId, f), f)
    const data = page.data.map((j) => ({
      type: j.type,
      key: j.key,
      attempts: j.attempts,
      lastError: j.lastError,
      payload: j.body,
      firstFailedAt: j.firstFailedAt.toISOString(),
      lastFailedAt: j.lastFailedAt.toISOString(),
      deadAt: j.deadAt.toISOString(),
    }))
    return c.json({ data, nextCursor: page.nextCursor }, 200)
  },
)

const body = { content: { 'application/json': { schema: DeadJobRef } }, required: true }

jobsApi.openapi(
  createRoute({
    method: 'post',
    path: '/jobs/dead/retry',
    operationId: 'retryDeadJob',
    tags: ['Jobs'],
    summary: 'Queue a dead job again, with its stored payload',
    request: { body },
    responses: { 202: { description: 'Queued again; it leaves the dead list' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await retryDeadJobs(c.env, c.var.db, c.var.tenantId, [c.req.valid('json')])
    return c.body(null, 202)
  },
)

jobsApi.openapi(
  createRoute({
    method: 'post',
    path: '/jobs/dead/discard',
    operationId: 'discardDeadJob',
    tags: ['Jobs'],
    summary: 'Drop a dead job for good',
    request: { body },
    responses: { 204: { description: 'Discarded; it leaves the dead list' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await discardDeadJobs(c.var.db, c.var.tenantId, [c.req.valid('json')])
    return c.body(null, 204)
  },
)
