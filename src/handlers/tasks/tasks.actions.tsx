import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { archiveTask, completeTask, getTask, getTaskQuery, reopenTask } from '../../db/queries/tasks'
import { viewerOf, type Viewer } from '../../domain/records/viewer'
import { TASK_FIELD_LABELS } from '../../domain/tasks/schemas'
import type { AuthedEnv } from '../../env'
import { TIMELINE_CHANGED, isFragment } from '../../lib/htmx'
import { enqueueScoreOf } from '../../lib/jobs/enqueue-score'
import { idParam } from '../../lib/params'
import { TaskCheck } from '../../views/tasks/task-check'
import { requireUser } from '../middleware/session'
import { safeBack } from '../records/bulk-form'
import { renderTimeline } from '../records/timeline'
import { guardEntries } from '../related/guard'

// One-click task actions (from the list, the task page and My work) and the task's history.
export const tasksActions = new Hono<AuthedEnv>()
guardEntries(tasksActions, '/tasks', 'tasks.write', [requireUser])

type Change = (db: AuthedEnv['Variables']['db'], tenantId: string, viewer: Viewer, id: string) => Promise<void>

// htmx gets the checkbox in its new state (and the page's history is told to reload); a plain
// post goes back where it came from (?back=, a path on this site) or to the task.
async function answer(c: Context<AuthedEnv>, change: Change) {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  await change(c.var.db, c.var.tenantId, viewer, id)
  const back = safeBack(c.req.query('back'), `/tasks/${id}`)
  c.header('Vary', 'HX-Request')
  if (!isFragment(c)) return c.redirect(back, 303)
  const task = await getTask(c.var.db, c.var.tenantId, viewer, id)
  c.header('HX-Trigger', TIMELINE_CHANGED)
  return c.html(<TaskCheck id={id} title={task.title} done={task.completedAt !== null} back={back} />)
}

tasksActions.post('/tasks/:id/complete', (c) => answer(c, async (db, tenantId, viewer, id) => enqueueScoreOf(c.env, tenantId, await completeTask(db, tenantId, viewer, id))))
tasksActions.post('/tasks/:id/reopen', (c) => answer(c, reopenTask))

tasksActions.post('/tasks/:id/archive', async (c) => {
  await archiveTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  return c.redirect('/tasks', 303)
})

tasksActions.get('/tasks/:id/timeline', async (c) => {
  const id = idParam(c, 'id')
  return renderTimeline(c, 'task', id, TASK_FIELD_LABELS, { access: getTaskQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id) })
})
