import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { activityPage, archiveActivity, getActivity, listActivitiesQuery, logActivity, updateActivity, type ActivityRow } from '../../db/queries/activities'
import { ActivityInput, ActivityOutput, ActivityPatch } from '../../domain/activities/schemas'
import { RelatedListQuery } from '../../domain/notes/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { relatedRefOf, type RelatedRef } from '../../domain/related/related'
import type { AuthedEnv } from '../../env'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, iso, listEnvelope } from '../api/records'
import { guardEntries } from '../related/guard'

export const activitiesApi = apiRouter()
guardEntries(activitiesApi, '/activities', 'activities.write')

const Activity = ActivityOutput.openapi('Activity')
const json = { 'application/json': { schema: Activity } }

export function activityJson(a: ActivityRow) {
  const ref = relatedRefOf(a) as RelatedRef
  return {
    id: a.id,
    type: a.type,
    outcome: a.outcome,
    subject: a.subject,
    body: a.body,
    occurredAt: a.occurredAt.toISOString(),
    durationMinutes: a.durationMinutes,
    relatedType: ref.type,
    relatedId: ref.id,
    createdBy: a.createdBy,
    authorName: a.authorName,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    archivedAt: iso(a.archivedAt),
  }
}

const readActivity = async (c: Context<AuthedEnv>, id: string) => activityJson(await getActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))

activitiesApi.openapi(
  createRoute({
    method: 'get',
    path: '/activities',
    operationId: 'listActivities',
    tags: ['Activities'],
    summary: "One record's logged calls, emails and meetings, most recent first, with a keyset cursor",
    request: { query: RelatedListQuery },
    responses: { 200: { description: 'A page of activities', content: { 'application/json': { schema: listEnvelope(Activity) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const page = activityPage(await listActivitiesQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), q), q.limit)
    return c.json({ data: page.data.map(activityJson), nextCursor: page.nextCursor }, 200)
  },
)

activitiesApi.openapi(
  createRoute({
    method: 'post',
    path: '/activities',
    operationId: 'logActivity',
    tags: ['Activities'],
    summary: "Log a call, email or meeting on a record; updates its last contacted time and timeline",
    request: { body: { required: true, content: { 'application/json': { schema: ActivityInput } } } },
    responses: { 201: { description: 'Logged', content: json }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const { id } = await logActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('json'))
    return c.json(await readActivity(c, id), 201)
  },
)

activitiesApi.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{id}',
    operationId: 'getActivity',
    tags: ['Activities'],
    summary: 'Read an activity',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The activity', content: json }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => c.json(await readActivity(c, c.req.valid('param').id), 200),
)

activitiesApi.openapi(
  createRoute({
    method: 'patch',
    path: '/activities/{id}',
    operationId: 'updateActivity',
    tags: ['Activities'],
    summary: 'Correct a logged activity (its author only)',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: ActivityPatch } } } },
    responses: { 200: { description: 'The updated activity', content: json }, ...COMMON_ERRORS, ...NOT_FOUND, 409: { description: 'Changed by someone else meanwhile' } },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await updateActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, c.req.valid('json'))
    return c.json(await readActivity(c, id), 200)
  },
)

activitiesApi.openapi(
  createRoute({
    method: 'delete',
    path: '/activities/{id}',
    operationId: 'archiveActivity',
    tags: ['Activities'],
    summary: 'Archive an activity (its author, a manager or an admin)',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Archived' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await archiveActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
    return c.body(null, 204)
  },
)
