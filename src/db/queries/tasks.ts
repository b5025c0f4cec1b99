import { and, asc, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { canSeeLeads, seesOnlyOwn, type Viewer } from '../../domain/records/viewer'
import { NO_SUCH_RECORD, RELATED_COLUMN, refFrom, relatedColumns, relatedRefOf, type RelatedRef } from '../../domain/related/related'
import { reminderIssue, TASK_FIELDS, type TaskInput, type TaskListQuery, type TaskPatch } from '../../domain/tasks/schemas'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError, type FieldError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { memberships, tasks } from '../schema'
import { eventWhen, stamped } from './records/changes'
import { ownerName } from './records/columns'
import { cappedCount, columnsFor, dayRange, keysetAfter, keysetOrder, pageOf, type PartialRows, type Sort } from './records/list'
import { linkFailure, relatedLookup, relatedName } from './related-records'
import { listFilterSql } from './views/compile'
import type { FilterNode } from '../../domain/views/filter'

const row = {
  id: tasks.id,
  title: tasks.title,
  type: tasks.type,
  description: tasks.description,
  dueAt: tasks.dueAt,
  remindAt: tasks.remindAt,
  assigneeId: tasks.assigneeId,
  assigneeName: ownerName('tasks', 'assignee_id'),
  accountId: tasks.accountId,
  contactId: tasks.contactId,
  leadId: tasks.leadId,
  opportunityId: tasks.opportunityId,
  relatedName: relatedName('tasks'),
  completedAt: tasks.completedAt,
  completedBy: tasks.completedBy,
  createdBy: tasks.createdBy,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
  archivedAt: tasks.archivedAt,
}

// A rep in "own" mode works the tasks assigned to them, and keeps sight of those they handed to
// someone else. Support, who never sees leads, does not see lead tasks either, unless theirs.
function taskVisible(viewer: Viewer): SQL | undefined {
  const mine = or(eq(tasks.assigneeId, viewer.userId), eq(tasks.createdBy, viewer.userId))
  if (seesOnlyOwn(viewer)) return mine
  return canSeeLeads(viewer) ? undefined : or(isNull(tasks.leadId), mine)
}

const scope = (tenantId: string, viewer: Viewer) => and(eq(tasks.tenantId, tenantId), taskVisible(viewer))

const SORTS = {
  due: { column: tasks.dueAt, kind: 'time', nullable: true, dir: 'asc' },
  created: { column: tasks.createdAt, kind: 'time', nullable: false, dir: 'desc' },
} as const satisfies Record<string, Sort>

export type TaskFilters = Omit<TaskListQuery, 'status'> & { status?: 'open' | 'done' | 'all' } & PartialRows

function listWhere(tenantId: string, viewer: Viewer, f: TaskFilters, view?: FilterNode) {
  const ref = refFrom(f)
  return and(
    scope(tenantId, viewer),
    isNull(tasks.archivedAt),
    listFilterSql('tasks', { tenantId, viewer }, f.filter, view),
    f.assigneeId ? eq(tasks.assigneeId, f.assigneeId === 'me' ? viewer.userId : f.assigneeId) : undefined,
    f.status === 'open' ? isNull(tasks.completedAt) : f.status === 'done' ? isNotNull(tasks.completedAt) : undefined,
    dayRange(tasks.dueAt, f.dueFrom, f.dueTo),
    ref ? eq(tasks[RELATED_COLUMN[ref.type]], ref.id) : undefined,
  )
}

// Due first (soonest first, undated last), or newest first; keyset on (sort column, id). `view`
// is the filter of the saved view the list shows, if any.
export function listTasksQuery(db: Db, tenantId: string, viewer: Viewer, f: TaskFilters, view?: FilterNode) {
  const sort = SORTS[f.sort ?? 'due']
  return db
    .select(columnsFor(row, f.fields, sort.column))
    .from(tasks)
    .where(and(listWhere(tenantId, viewer, f, view), keysetAfter(sort, tasks.id, f.cursor)))
    .orderBy(...keysetOrder(sort, tasks.id))
    .limit(f.limit + 1)
}

// The open tasks assigned to someone that fall due in [from, before), soonest first: the My work
// page's overdue, today and upcoming sections, on the assignee/due index.
export const myOpenTasksQuery = (db: Db, tenantId: string, userId: string, window: { from?: Date; before: Date }, limit: number) =>
  db
    .select(row)
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.assigneeId, userId), isNull(tasks.completedAt), isNull(tasks.archivedAt), window.from ? gte(tasks.dueAt, window.from) : undefined, lt(tasks.dueAt, window.before)))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(limit)

export const countTasksQuery = (db: Db, tenantId: string, viewer: Viewer, f: TaskFilters, view?: FilterNode) => cappedCount(db, tasks, listWhere(tenantId, viewer, f, view))

export const taskPage = (rows: TaskRow[], f: TaskFilters) => pageOf(rows, f.limit, (r) => ((f.sort ?? 'due') === 'due' ? r.dueAt : r.createdAt))

export const getTaskQuery = (db: Db, tenantId: string, viewer: Viewer, id: string) => db.select(row).from(tasks).where(and(scope(tenantId, viewer), eq(tasks.id, id)))

export type TaskRow = Awaited<ReturnType<typeof getTaskQuery>>[number]

export async function getTask(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<TaskRow> {
  const [found] = await getTaskQuery(db, tenantId, viewer, id)
  if (!found) throw new AppError('NOT_FOUND', 'No such task in this workspace.')
  return found
}

const activeMember = (db: Db, tenantId: string, userId: string) =>
  db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))

const NO_SUCH_ASSIGNEE: FieldError = { path: 'assigneeId', message: 'Choose an active member of this workspace.' }

// What is wrong with the links a write sets: a record the viewer cannot see, or an assignee who
// is not an active member. Any role that writes tasks may assign them to anyone in the workspace.
async function linkProblems(db: Db, tenantId: string, viewer: Viewer, ref: RelatedRef | null, assigneeId: string | null): Promise<FieldError[]> {
  const [related, assignee] = await Promise.all([
    ref ? relatedLookup(db, tenantId, viewer, ref) : null,
    assigneeId && assigneeId !== viewer.userId ? activeMember(db, tenantId, assigneeId) : null,
  ])
  return [...(related && !related.length ? [NO_SUCH_RECORD] : []), ...(assignee && !assignee.length ? [NO_SUCH_ASSIGNEE] : [])]
}

const invalid = (errors: FieldError[]) => new AppError('VALIDATION', 'Some fields need attention.', errors)

// The composite foreign keys are the backstop for a link that vanished after the check.
async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    throw linkFailure(err, { assignee: NO_SUCH_ASSIGNEE })
  }
}

const date = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v))

export async function createTask(db: Db, tenantId: string, viewer: Viewer, input: TaskInput): Promise<string> {
  const { relatedType: _type, relatedId: _id, ...fields } = input
  const ref = refFrom(input)
  const assigneeId = input.assigneeId ?? viewer.userId
  const problems = await linkProblems(db, tenantId, viewer, ref, assigneeId)
  if (problems.length) throw invalid(problems)
  const id = newId()
  await write(() =>
    db.batch([
      db.insert(tasks).values({ ...fields, type: input.type ?? 'todo', dueAt: date(input.dueAt), remindAt: date(input.remindAt), assigneeId, ...relatedColumns(ref), tenantId, id, createdBy: viewer.userId }),
      eventWhen(db, tenantId, { entityType: 'task', entityId: id, eventType: 'created', actorUserId: viewer.userId, payload: { name: input.title } }, sql`true`),
    ]),
  )
  return id
}

// A new remind_at, or a reopened task, is a reminder to send again: clear the sent mark and any
// cron claim. A message already queued for the old time then finds remind_at changed and drops.
const REARM_REMINDER = { reminderSentAt: null, reminderClaimedAt: null }

const conflict = () => new AppError('CONFLICT', 'Someone else changed this task a moment ago. Reload it and try again.')

// One change, one event: a guarded update and its "updated" event with the field diff. The task
// and the links it sets are read in parallel. Returns false for a save that changes nothing.
export async function updateTask(db: Db, tenantId: string, viewer: Viewer, id: string, patch: TaskPatch): Promise<boolean> {
  const { relatedType, relatedId, dueAt, remindAt, ...rest } = patch
  const movesLink = relatedType !== undefined || relatedId !== undefined
  const ref = movesLink ? refFrom({ relatedType, relatedId }) : null
  const [before, problems] = await Promise.all([getTask(db, tenantId, viewer, id), linkProblems(db, tenantId, viewer, ref, patch.assigneeId ?? null)])
  if (problems.length) throw invalid(problems)
  const values = { ...rest, dueAt: date(dueAt), remindAt: date(remindAt), ...(movesLink ? relatedColumns(ref) : {}) }
  const reminder = reminderIssue(values.dueAt === undefined ? before.dueAt : values.dueAt, values.remindAt === undefined ? before.remindAt : values.remindAt)
  if (reminder) throw invalid([reminder])
  const changes = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
  const diff = fieldDiff(before, changes, TASK_FIELDS)
  if (!Object.keys(diff).length) return false
  const stamp = new Date()
  const [updated] = await write(() =>
    db.batch([
      db
        .update(tasks)
        .set({ ...changes, ...('remindAt' in diff ? REARM_REMINDER : {}), updatedAt: stamp })
        .where(and(scope(tenantId, viewer), eq(tasks.id, id), eq(tasks.updatedAt, before.updatedAt)))
        .returning({ id: tasks.id }),
      eventWhen(db, tenantId, { entityType: 'task', entityId: id, eventType: 'updated', actorUserId: viewer.userId, payload: { changes: diff } }, stamped(tasks, tenantId, id, stamp)),
    ]),
  )
  if (!updated.length) throw conflict()
  return true
}

// Completing writes task_completed on the task and on the record it is about, if any: one event
// per affected record, all conditioned on the completion having applied. Completing a done task
// changes nothing. Returns the record the completion was recorded on (null for none), whose
// engagement it is.
export async function completeTask(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<RelatedRef | null> {
  const before = await getTask(db, tenantId, viewer, id)
  if (before.completedAt) return null
  const stamp = new Date()
  const applied = stamped(tasks, tenantId, id, stamp)
  const ref = relatedRefOf(before)
  const event = { eventType: 'task_completed', actorUserId: viewer.userId, payload: { taskId: id, title: before.title } } as const
  const [updated] = await db.batch([
    db
      .update(tasks)
      .set({ completedAt: stamp, completedBy: viewer.userId, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(tasks.id, id), eq(tasks.updatedAt, before.updatedAt), isNull(tasks.completedAt)))
      .returning({ id: tasks.id }),
    eventWhen(db, tenantId, { ...event, entityType: 'task', entityId: id }, applied),
    ...(ref ? [eventWhen(db, tenantId, { ...event, entityType: ref.type, entityId: ref.id }, applied)] : []),
  ])
  if (!updated.length) throw conflict()
  return ref
}

// Reopening is an ordinary change of completedAt, recorded as such on the task.
export async function reopenTask(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<void> {
  const before = await getTask(db, tenantId, viewer, id)
  if (!before.completedAt) return
  await guardedChange(db, tenantId, viewer, before, { completedAt: null, completedBy: null, ...REARM_REMINDER }, 'updated', { changes: fieldDiff(before, { completedAt: null }, ['completedAt']) })
}

export async function archiveTask(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<void> {
  const before = await getTask(db, tenantId, viewer, id)
  if (before.archivedAt) return
  await guardedChange(db, tenantId, viewer, before, { archivedAt: new Date() }, 'archived', {})
}

async function guardedChange(db: Db, tenantId: string, viewer: Viewer, before: TaskRow, set: Partial<typeof tasks.$inferInsert>, eventType: 'updated' | 'archived', payload: Record<string, unknown>) {
  const stamp = new Date()
  const [updated] = await db.batch([
    db
      .update(tasks)
      .set({ ...set, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(tasks.id, before.id), eq(tasks.updatedAt, before.updatedAt)))
      .returning({ id: tasks.id }),
    eventWhen(db, tenantId, { entityType: 'task', entityId: before.id, eventType, actorUserId: viewer.userId, payload }, stamped(tasks, tenantId, before.id, stamp)),
  ])
  if (!updated.length) throw conflict()
}
