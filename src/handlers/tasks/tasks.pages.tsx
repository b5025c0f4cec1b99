import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { listActiveMembers } from '../../db/queries/records/columns'
import { relatedLookup } from '../../db/queries/related-records'
import { countTasksQuery, createTask, getTask, getTaskQuery, listTasksQuery, taskPage, updateTask, type TaskFilters } from '../../db/queries/tasks'
import { can } from '../../domain/access/permissions'
import { filterQueryString, withoutBlanks } from '../../domain/records/list-query'
import { seesOnlyOwn, viewerOf } from '../../domain/records/viewer'
import { OptionalRelated, refFrom } from '../../domain/related/related'
import { TaskListQuery } from '../../domain/tasks/schemas'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { TaskDetailPage } from '../../views/tasks/task-detail'
import { TaskForm } from '../../views/tasks/task-fields'
import { TaskListPage, TaskTable } from '../../views/tasks/task-list'
import { requireUser } from '../middleware/session'
import { loadListViews, respondWithViews, splitView, withViewSort } from '../views/list-views'
import { ExportButton } from '../../views/exports/export-button'
import { guardEntries } from '../related/guard'
import { attempt, quickActionInvalid, quickActionSaved } from '../related/quick-action'
import { parseTaskForm, taskFormValues } from './task-form'

// Task pages: the list, new, detail and edit. Complete, reopen, archive and history are in
// tasks.actions.tsx. Reading needs records.read; every change needs tasks.write.
export const tasksPages = new Hono<AuthedEnv>()
guardEntries(tasksPages, '/tasks', 'tasks.write', [requireUser])

// The page opens on open tasks; "all" is a choice in the filter bar. A saved view decides for
// itself whether done tasks belong in it.
tasksPages.get('/tasks', async (c) => {
  const { view, query: raw } = splitView(withoutBlanks(c.req.query()))
  const lv = await loadListViews(c, 'tasks', view)
  // Task sorts have a fixed direction, so a view's direction (from the API) does not apply.
  const { dir: _dir, ...query } = withViewSort(parseOrThrow(TaskListQuery, raw), 'tasks', lv.current)
  const f: TaskFilters & { view?: string } = { ...query, status: query.status ?? (view ? 'all' : 'open'), view }
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const [rows, [count], members, ...counts] = await db.batch([listTasksQuery(db, c.var.tenantId, viewer, f, lv.current?.filter), countTasksQuery(db, c.var.tenantId, viewer, f, lv.current?.filter), listActiveMembers(db, c.var.tenantId), ...lv.counts])
  const page = taskPage(rows, f)
  const url = (extra: Record<string, string> = {}) => `/tasks?${filterQueryString(f, extra)}`
  const filtered = Boolean(f.assigneeId || f.dueFrom || f.dueTo || f.relatedId || f.filter || view || f.status !== 'open')
  const links = { self: url(f.cursor ? { cursor: f.cursor } : {}), first: f.cursor ? url() : null, next: page.nextCursor ? url({ cursor: page.nextCursor }) : null, filtered }
  const table = <TaskTable rows={page.data} count={count?.n ?? 0} links={links} now={new Date()} tools={<ExportButton entity="tasks" filters={f} role={c.var.role} />} />
  return respondWithViews(c, lv, { f, counts, table, page: () => <TaskListPage filters={f} members={members} showAssignee={!seesOnlyOwn(viewer)} table={table} />, title: 'Tasks' })
})

type FormState = { action: string; values: Record<string, string>; errors: FieldError[]; submitLabel: string; cancelHref: string; title: string; relatedName: string | null }

async function renderForm(c: Context<AuthedEnv>, form: FormState) {
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.render(
    <>
      <h1>{form.title}</h1>
      <TaskForm {...form} members={members} />
    </>,
    { title: form.title },
  )
}

// /tasks/new?relatedType=…&relatedId=… starts a task about that record (when the viewer sees it).
tasksPages.get('/tasks/new', async (c) => {
  const values = { assigneeId: c.var.userId, ...withoutBlanks({ relatedType: c.req.query('relatedType') ?? '', relatedId: c.req.query('relatedId') ?? '' }) }
  const ref = refFrom(parseOrThrow(OptionalRelated, values))
  const [related] = ref ? await relatedLookup(c.var.db, c.var.tenantId, viewerOf(c.var.auth), ref) : []
  if (ref && !related) throw new AppError('NOT_FOUND', 'No such record in this workspace.')
  return renderForm(c, { action: '/tasks', values, errors: [], submitLabel: 'Create task', cancelHref: '/tasks', title: 'New task', relatedName: related?.name ?? null })
})

// The full form and a record page's quick action (?from=record) both post here; they differ in
// where they answer.
tasksPages.post('/tasks', async (c) => {
  const form = await readForm(c)
  const fromRecord = c.req.query('from') === 'record'
  const { data, errors } = parseTaskForm(form)
  const result = data ? await attempt(() => createTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), data)) : { ok: false as const, errors }
  if (!result.ok) {
    if (fromRecord) return quickActionInvalid(c, 'task', form, result.errors)
    c.status(422)
    return renderForm(c, { action: '/tasks', values: form, errors: result.errors, submitLabel: 'Create task', cancelHref: '/tasks', title: 'New task', relatedName: null })
  }
  const ref = data ? refFrom(data) : null
  if (fromRecord && ref) return quickActionSaved(c, 'task', ref)
  return c.redirect(`/tasks/${result.value}`, 303)
})

tasksPages.get('/tasks/:id', async (c) => {
  const task = await getTask(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  return c.render(<TaskDetailPage task={task} canWrite={can(c.var.role, 'tasks.write')} now={new Date()} />, { title: task.title })
})

tasksPages.get('/tasks/:id/edit', async (c) => {
  const db = c.var.db
  const [[task], members] = await db.batch([getTaskQuery(db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id')), listActiveMembers(db, c.var.tenantId)])
  if (!task) throw new AppError('NOT_FOUND', 'No such task in this workspace.')
  const title = `Edit ${task.title}`
  return c.render(
    <>
      <h1>{title}</h1>
      <TaskForm action={`/tasks/${task.id}`} values={taskFormValues(task)} errors={[]} members={members} relatedName={task.relatedName} submitLabel="Save changes" cancelHref={`/tasks/${task.id}`} />
    </>,
    { title },
  )
})

tasksPages.post('/tasks/:id', async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const form = await readForm(c)
  const { data, errors } = parseTaskForm(form)
  const result = data ? await attempt(() => updateTask(c.var.db, c.var.tenantId, viewer, id, data)) : { ok: false as const, errors }
  if (!result.ok) {
    const task = await getTask(c.var.db, c.var.tenantId, viewer, id)
    c.status(422)
    return renderForm(c, { action: `/tasks/${id}`, values: form, errors: result.errors, submitLabel: 'Save changes', cancelHref: `/tasks/${id}`, title: `Edit ${task.title}`, relatedName: task.relatedName })
  }
  return c.redirect(`/tasks/${id}`, 303)
})
