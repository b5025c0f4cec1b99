import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { activityPage, archiveActivity, listActivitiesQuery, logActivity } from '../../db/queries/activities'
import { relatedLookup } from '../../db/queries/related-records'
import { ActivityInput } from '../../domain/activities/schemas'
import { RelatedListQuery } from '../../domain/notes/schemas'
import { withoutBlanks } from '../../domain/records/list-query'
import { viewerOf } from '../../domain/records/viewer'
import { withInstants } from '../../domain/related/form-values'
import { relatedPath, relatedRefOf, type RelatedRef } from '../../domain/related/related'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { enqueueScoreOf } from '../../lib/jobs/enqueue-score'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { ActivityItems, RecordActivities } from '../../views/activities/record-activities'
import { EntryPage } from '../../views/related/entry-list'
import { requireUser } from '../middleware/session'
import { guardEntries } from '../related/guard'
import { attempt, quickActionInvalid, quickActionSaved } from '../related/quick-action'

// Activities from record pages: the lazily loaded list, the quick action that logs one, and
// archive. Reading needs records.read; writing needs activities.write.
export const activitiesPages = new Hono<AuthedEnv>()
guardEntries(activitiesPages, '/activities', 'activities.write', [requireUser])

activitiesPages.get('/activities', async (c) => {
  const q = parseOrThrow(RelatedListQuery, withoutBlanks(c.req.query()))
  const viewer = viewerOf(c.var.auth)
  const ref: RelatedRef = { type: q.relatedType, id: q.relatedId }
  const db = c.var.db
  const [rows, [related]] = await db.batch([listActivitiesQuery(db, c.var.tenantId, viewer, q), relatedLookup(db, c.var.tenantId, viewer, ref)])
  if (!related) throw new AppError('NOT_FOUND', 'No such record in this workspace.')
  const page = activityPage(rows, q.limit)
  const next = page.nextCursor ? `/activities?relatedType=${ref.type}&relatedId=${ref.id}&cursor=${page.nextCursor}` : null
  const props = { activities: page.data, next, viewer }
  c.header('Vary', 'HX-Request')
  if (isFragment(c)) return c.html(q.cursor ? <ActivityItems {...props} /> : <RecordActivities {...props} />)
  return c.render(
    <EntryPage title={`Activities on ${related.name}`} back={relatedPath(ref)}>
      <RecordActivities {...props} />
    </EntryPage>,
    { title: `Activities on ${related.name}` },
  )
})

// The quick action; "When" is a datetime-local read as UTC, and empty means now.
activitiesPages.post('/activities', async (c) => {
  const form = await readForm(c)
  const parsed = ActivityInput.safeParse(withInstants(form, ['occurredAt']))
  const result = parsed.success ? await attempt(() => logActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), parsed.data)) : { ok: false as const, errors: toFieldErrors(parsed.error) }
  if (!result.ok) return quickActionInvalid(c, 'activity', form, result.errors)
  await enqueueScoreOf(c.env, c.var.tenantId, result.value.ref)
  return quickActionSaved(c, 'activity', result.value.ref)
})

activitiesPages.post('/activities/:id/archive', async (c) => {
  const activity = await archiveActivity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  const ref = relatedRefOf(activity)
  await enqueueScoreOf(c.env, c.var.tenantId, ref)
  return c.redirect(ref ? relatedPath(ref) : '/', 303)
})
