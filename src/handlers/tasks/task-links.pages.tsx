import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import * as z from 'zod'
import { getLinkedTask, type LinkedTask } from '../../db/queries/task-links'
import { completeTask, updateTask } from '../../db/queries/tasks'
import { can } from '../../domain/access/permissions'
import type { Viewer } from '../../domain/records/viewer'
import { snoozedTimes, TASK_LINK_ACTIONS } from '../../domain/tasks/snooze'
import type { AppEnv } from '../../env'
import { clientIp } from '../../lib/auth/client-ip'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { logger } from '../../lib/log'
import { linkSecret, verifyTaskLink, type TaskSnoozeLink } from '../../lib/signed-links'
import { TaskDonePage, TaskLinkExpiredPage, TaskLinkInvalidPage, TaskLinkNotYoursPage, TaskLinkPage, TaskSnoozedPage } from '../../views/tasks/task-link-page'
import { enqueueScoreOf } from '../../lib/jobs/enqueue-score'

// /t/:token, the page a reminder email links to: snooze the task or mark it done without
// signing in. The signed token is the whole credential (src/lib/signed-links.ts): it names the
// workspace, the task and the assignee it acts as, and every check below runs on each request.
// GET only shows; only the page's POST changes anything.
export const taskLinkPages = new Hono<AppEnv>()

const Action = z.enum(TASK_LINK_ACTIONS)

// The token is in the URL: no cache keeps the page, and no Referer carries it anywhere. Guessing
// tokens is hopeless, but each try costs an HMAC and maybe a query, so addresses are rate-limited.
taskLinkPages.use('/t/*', async (c, next) => {
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  const { success } = await c.env.RATE_LIMITER.limit({ key: `task-link:${clientIp(c)}` })
  if (!success) throw new AppError('RATE_LIMITED', 'Too many requests from your address. Wait a minute and try again.')
  await next()
})

type Opened = { link: TaskSnoozeLink; task: LinkedTask; viewer: Viewer }

function refuse(c: Context<AppEnv>, status: 403 | 404 | 410, page: JSX.Element, title: string) {
  c.status(status)
  return c.render(page, { title })
}

// The task the token is for, and the person to act as; or the refusal to answer with. A task
// that is gone (deleted, archived, or never in the token's workspace) reads like a bad token.
async function open(c: Context<AppEnv>): Promise<Opened | Response> {
  const secret = linkSecret(c.env)
  if (!secret) throw new AppError('UNAVAILABLE', 'LINK_SECRET is missing or shorter than 32 characters, so task links cannot be checked.')
  const check = await verifyTaskLink(secret, c.req.param('token') ?? '')
  if (!check.ok) return check.reason === 'expired' ? refuse(c, 410, <TaskLinkExpiredPage />, 'Link expired') : refuse(c, 404, <TaskLinkInvalidPage />, 'Link not valid')
  const { link } = check
  const task = await getLinkedTask(c.var.db, link.t, link.k, link.u)
  if (!task || task.archivedAt) return refuse(c, 404, <TaskLinkInvalidPage />, 'Link not valid')
  if (!task.role || task.assigneeId !== link.u || !can(task.role, 'tasks.write')) return refuse(c, 403, <TaskLinkNotYoursPage />, 'Not your task')
  return { link, task, viewer: { userId: link.u, role: task.role, visibility: task.recordVisibility } }
}

const alreadyDone = (c: Context<AppEnv>, task: LinkedTask) => c.render(<TaskDonePage task={task} already />, { title: 'Already done' })

taskLinkPages.get('/t/:token', async (c) => {
  const opened = await open(c)
  if (opened instanceof Response) return opened
  if (opened.task.completedAt) return alreadyDone(c, opened.task)
  // The email's three links all lead here; ?action= says which one was clicked.
  const chosen = Action.safeParse(c.req.query('action'))
  return c.render(<TaskLinkPage task={opened.task} token={c.req.param('token')} chosen={chosen.success ? chosen.data : undefined} />, { title: opened.task.title })
})

// Acts as the assignee through the same writes as the app: the timeline shows them snoozing
// (an "updated" event) or completing the task, and a new remind_at re-arms the reminder.
taskLinkPages.post('/t/:token', async (c) => {
  const opened = await open(c)
  if (opened instanceof Response) return opened
  const { link, task, viewer } = opened
  if (task.completedAt) return alreadyDone(c, task)
  const action = Action.safeParse((await readForm(c)).action)
  if (!action.success) {
    c.status(422)
    return c.render(<TaskLinkPage task={task} token={c.req.param('token')} error="Choose one of the buttons: snooze for an hour or a day, or mark the task done." />, { title: task.title })
  }
  const used = { requestId: c.var.requestId, tenantId: link.t, taskId: link.k, userId: link.u, reminder: link.r, action: action.data }
  if (action.data === 'done') {
    await enqueueScoreOf(c.env, link.t, await completeTask(c.var.db, link.t, viewer, task.id))
    logger.info('task_link.used', used)
    return c.render(<TaskDonePage task={task} already={false} />, { title: 'Done' })
  }
  const times = snoozedTimes(task.dueAt, action.data, new Date())
  await updateTask(c.var.db, link.t, viewer, task.id, { remindAt: times.remindAt.toISOString(), ...(times.dueAt ? { dueAt: times.dueAt.toISOString() } : {}) })
  logger.info('task_link.used', used)
  return c.render(<TaskSnoozedPage task={task} action={action.data} remindAt={times.remindAt} dueMoved={times.dueAt !== undefined} />, { title: 'Snoozed' })
})
