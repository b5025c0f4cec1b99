import { createRoute } from '@hono/zod-openapi'
import { archiveTask, completeTask, createTask, getTask, getTaskQuery, listTasksQuery, reopenTask, taskPage, updateTask } from '../../db/queries/tasks'
import { timelineWithAccess } from '../../db/queries/timeline'
import { viewerOf } from '../../domain/records/viewer'
import { TaskInput, TaskListQuery, TaskOutput, TaskPatch } from '../../domain/tasks/schemas'
import type { AuthedEnv } from '../../env'
import { enqueueScoreOf } from '../../lib/jobs/enqueue-score'
import type { Context } from 'hono'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { RecordIdParam, rowsJson, timelineJson } from '../api/records'
import { guardEntries } from '../related/guard'
import { taskJson } from './task-json'

export const tasksApi = apiRouter()
guardEntries(tasksApi, '/tasks', 'tasks.write')

const Task = TaskOutput.openapi('Task')
const json = { 'application/json': { schema: Task } }
const routes = recordRoutes(
  { path: 'tasks', singular: 'Task', plural: 'Tasks' },
  { json: Task, input: TaskInput, patch: TaskPatch, query: TaskListQuery },
  {
    list: 'List tasks, soonest due first (undated last) or newest first, with filters and a keyset cursor',
    create: 'Create a task; assigned to the caller unless assigneeId names another active member',
    archive: 'Archive a task',
  },
)
const CONFLICT = { 409: { description: 'Changed by someone else meanwhile' } }

const readTask = async (c: Context<AuthedEnv>, id: string) => taskJson(await getTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))

tasksApi.openapi(routes.list, async (c) => {
  const f = c.req.valid('query')
  const page = taskPage(await listTasksQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f), f)
  return c.json({ data: rowsJson(page.data, taskJson, f.fields), nextCursor: page.nextCursor }, 200)
})

tasksApi.openapi(routes.create, async (c) => {
  const id = await createTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('json'))
  return c.json(await readTask(c, id), 201)
})

tasksApi.openapi(routes.get, async (c) => c.json(await readTask(c, c.req.valid('param').id), 200))

tasksApi.openapi(routes.update, async (c) => {
  const { id } = c.req.valid('param')
  await updateTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, c.req.valid('json'))
  return c.json(await readTask(c, id), 200)
})

tasksApi.openapi(routes.archive, async (c) => {
  await archiveTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
  return c.body(null, 204)
})

for (const action of ['complete', 'reopen'] as const) {
  tasksApi.openapi(
    createRoute({
      method: 'post',
      path: `/tasks/{id}/${action}`,
      operationId: `${action}Task`,
      tags: ['Tasks'],
      summary: action === 'complete' ? 'Mark a task done; writes task_completed on the task and its record' : 'Mark a done task open again',
      request: { params: RecordIdParam },
      responses: { 200: { description: 'The task', content: json }, ...COMMON_ERRORS, ...NOT_FOUND, ...CONFLICT },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const viewer = viewerOf(c.var.auth)
      if (action === 'complete') await enqueueScoreOf(c.env, c.var.tenantId, await completeTask(c.var.db, c.var.tenantId, viewer, id))
      else await reopenTask(c.var.db, c.var.tenantId, viewer, id)
      return c.json(await readTask(c, id), 200)
    },
  )
}

tasksApi.openapi(routes.timeline, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(timelineJson(await timelineWithAccess(c.var.db, c.var.tenantId, 'task', id, c.req.valid('query'), getTaskQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))), 200)
})
