import { createRoute } from '@hono/zod-openapi'
import { archiveTask, completeTask, createTask, getTask, listTasksQuery, reopenTask, taskPage, updateTask } from '../../db/queries/tasks'
import { timelinePage } from '../../db/queries/timeline'
import { viewerOf } from '../../domain/records/viewer'
import { TaskInput, TaskListQuery, TaskOutput, TaskPatch } from '../../domain/tasks/schemas'
import type { AuthedEnv } from '../../env'
import type { Context } from 'hono'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, TimelineEventJson, TimelineQuery, listEnvelope, timelineJson } from '../api/records'
import { guardEntries } from '../related/guard'
import { taskJson } from './task-json'

export const tasksApi = apiRouter()
guardEntries(tasksApi, '/tasks', 'tasks.write')

const Task = TaskOutput.openapi('Task')
const json = { 'application/json': { schema: Task } }
const CONFLICT = { 409: { description: 'Changed by someone else meanwhile' } }

const readTask = async (c: Context<AuthedEnv>, id: string) => taskJson(await getTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))

tasksApi.openapi(
  createRoute({
    method: 'get',
    path: '/tasks',
    operationId: 'listTasks',
    tags: ['Tasks'],
    summary: 'List tasks, soonest due first (undated last) or newest first, with filters and a keyset cursor',
    description: 'Filters: assigneeId (a member id, or "me"), status (open, done, all), dueFrom/dueTo (inclusive days, UTC), relatedType + relatedId.',
    request: { query: TaskListQuery },
    responses: { 200: { description: 'A page of tasks', content: { 'application/json': { schema: listEnvelope(Task) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const f = c.req.valid('query')
    const page = taskPage(await listTasksQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f), f)
    return c.json({ data: page.data.map(taskJson), nextCursor: page.nextCursor }, 200)
  },
)

tasksApi.openapi(
  createRoute({
    method: 'post',
    path: '/tasks',
    operationId: 'createTask',
    tags: ['Tasks'],
    summary: 'Create a task; assigned to the caller unless assigneeId names another active member',
    request: { body: { required: true, content: { 'application/json': { schema: TaskInput } } } },
    responses: { 201: { description: 'Created', content: json }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const id = await createTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('json'))
    return c.json(await readTask(c, id), 201)
  },
)

tasksApi.openapi(
  createRoute({
    method: 'get',
    path: '/tasks/{id}',
    operationId: 'getTask',
    tags: ['Tasks'],
    summary: 'Read a task',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The task', content: json }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => c.json(await readTask(c, c.req.valid('param').id), 200),
)

tasksApi.openapi(
  createRoute({
    method: 'patch',
    path: '/tasks/{id}',
    operationId: 'updateTask',
    tags: ['Tasks'],
    summary: 'Change some fields of a task; writes one timeline event',
    description: 'Send relatedType and relatedId as null to unlink the task. Complete and reopen through their own endpoints.',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: TaskPatch } } } },
    responses: { 200: { description: 'The updated task', content: json }, ...COMMON_ERRORS, ...NOT_FOUND, ...CONFLICT },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await updateTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, c.req.valid('json'))
    return c.json(await readTask(c, id), 200)
  },
)

tasksApi.openapi(
  createRoute({
    method: 'delete',
    path: '/tasks/{id}',
    operationId: 'archiveTask',
    tags: ['Tasks'],
    summary: 'Archive a task',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Archived' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await archiveTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
    return c.body(null, 204)
  },
)

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
      await (action === 'complete' ? completeTask : reopenTask)(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
      return c.json(await readTask(c, id), 200)
    },
  )
}

tasksApi.openapi(
  createRoute({
    method: 'get',
    path: '/tasks/{id}/timeline',
    operationId: 'taskTimeline',
    tags: ['Tasks'],
    summary: "A task's history, newest first",
    request: { params: RecordIdParam, query: TimelineQuery },
    responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: listEnvelope(TimelineEventJson) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await getTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
    return c.json(timelineJson(await timelinePage(c.var.db, c.var.tenantId, 'task', id, c.req.valid('query'))), 200)
  },
)
