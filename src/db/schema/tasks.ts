import { sql } from 'drizzle-orm'
import { check, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { TASK_TYPES, type TaskType } from '../../domain/records/vocab'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { recordColumns, msTimestamp } from './columns'
import { memberKey } from './keys'
import { relatedColumns, relatedConstraints } from './related'
import { tenants } from './tenants'

// Follow-ups, optionally about one record. remind_at drives the reminder emails: the reminders
// cron claims a due row by setting reminder_claimed_at (a lease), and the reminder job sets
// reminder_sent_at together with writing the email to the outbox.
export const tasks = pgTable(
  'tasks',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    title: text().notNull(),
    type: text().$type<TaskType>().notNull().default('todo'),
    description: text(),
    dueAt: msTimestamp(),
    remindAt: msTimestamp(),
    reminderSentAt: msTimestamp(),
    reminderClaimedAt: msTimestamp(),
    assigneeId: uuid(),
    ...relatedColumns(),
    completedAt: msTimestamp(),
    completedBy: uuid(),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('tasks_assignee_fk', t.tenantId, t.assigneeId),
    memberKey('tasks_completed_by_fk', t.tenantId, t.completedBy),
    memberKey('tasks_created_by_fk', t.tenantId, t.createdBy),
    ...relatedConstraints('tasks', t, { required: false, sortColumn: t.dueAt }),
    check('tasks_type_valid', sql`${t.type} in ${sqlLiteralList(TASK_TYPES)}`),
    check('tasks_completion_complete', sql`(${t.completedAt} is null) = (${t.completedBy} is null)`),
    // "My open tasks by due date": the My work page.
    index('tasks_assignee_due_idx').on(t.tenantId, t.assigneeId, t.dueAt, t.id).where(sql`${t.completedAt} is null and ${t.archivedAt} is null`),
    // The task list's default page: the workspace's open tasks, soonest due first.
    index('tasks_open_due_idx').on(t.tenantId, t.dueAt, t.id).where(sql`${t.completedAt} is null and ${t.archivedAt} is null`),
    index('tasks_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    // Reminders due and not yet sent, for the cron sweep. The claim lease is checked on the few
    // rows the index yields rather than indexed: at any moment almost none are claimed.
    index('tasks_remind_due_idx').on(t.remindAt).where(sql`${t.reminderSentAt} is null and ${t.completedAt} is null and ${t.archivedAt} is null`),
  ],
)
