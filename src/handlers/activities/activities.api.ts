import type { Context } from 'hono'
import { activityPage, archiveActivity, getActivity, listActivitiesQuery, logActivity, updateActivity, type ActivityRow } from '../../db/queries/activities'
import { ActivityInput, ActivityOutput, ActivityPatch } from '../../domain/activities/schemas'
import { RelatedListQuery } from '../../domain/notes/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { relatedRefOf, type RelatedRef } from '../../domain/related/related'
import type { AuthedEnv } from '../../env'
import { enqueueScoreOf } from '../../lib/jobs/enqueue-score'
import { apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { iso, rowsJson } from '../api/records'
import { guardEntries } from '../related/guard'

export const activitiesApi = apiRouter()
guardEntries(activitiesApi, '/activities', 'activities.write')

const routes = recordRoutes(
  { path: 'activities', singular: 'Activity', plural: 'Activities' },
  { json: ActivityOutput.openapi('Activity'), input: ActivityInput, patch: ActivityPatch, query: RelatedListQuery },
  { list: "One record's logged calls, emails and meetings, most recent first, with a keyset cursor", create: "Log a call, email or meeting on a record; updates its last contacted time and timeline", update: 'Correct a logged activity (its author only)', archive: 'Archive an activity (its author, a manager or an admin)' },
)

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

activitiesApi.openapi(routes.list, async (c) => {
  const q = c.req.valid('query')
  const page = activityPage(await listActivitiesQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), q), q.limit)
  return c.json({ data: rowsJson(page.data, activityJson, q.fields), nextCursor: page.nextCursor }, 200)
})

activitiesApi.openapi(routes.create, async (c) => {
  const { id, ref } = await logActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('json'))
  await enqueueScoreOf(c.env, c.var.tenantId, ref)
  return c.json(await readActivity(c, id), 201)
})

activitiesApi.openapi(routes.get, async (c) => c.json(await readActivity(c, c.req.valid('param').id), 200))

activitiesApi.openapi(routes.update, async (c) => {
  const { id } = c.req.valid('param')
  const changed = await updateActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, c.req.valid('json'))
  const activity = await getActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
  // A corrected outcome or time is different engagement.
  if (changed) await enqueueScoreOf(c.env, c.var.tenantId, relatedRefOf(activity))
  return c.json(activityJson(activity), 200)
})

activitiesApi.openapi(routes.archive, async (c) => {
  const activity = await archiveActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
  await enqueueScoreOf(c.env, c.var.tenantId, relatedRefOf(activity))
  return c.body(null, 204)
})
