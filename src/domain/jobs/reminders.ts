import type * as z from 'zod'
import type { TaskReminderMessage } from './messages'

// How long a cron claim on a reminder holds before another run may claim it again. Longer than a
// message's whole life on the queue (5 retries with backoff: about 5 minutes), so a reclaim only
// happens once the first message is gone: dead-lettered, or lost between claim and enqueue.
// Exactly-once does not rest on it: a second message for the same reminder meets the outbox key.
export const REMINDER_LEASE_MS = 15 * 60_000

// Rows claimed per statement: one claim and its enqueueing stay well inside a cron invocation,
// and a catch-up after an outage loops over as many batches as it needs.
export const REMINDER_CLAIM_BATCH = 500

// The reminder's identity: one task at one remind_at. A rescheduled task is a new reminder.
export const reminderKey = (taskId: string, remindAt: Date): string => `reminder:${taskId}:${remindAt.toISOString()}`

export type TaskReminder = z.infer<typeof TaskReminderMessage>

export function reminderMessage(claim: { tenantId: string; id: string; remindAt: Date }): TaskReminder {
  return { type: 'task-reminder', key: reminderKey(claim.id, claim.remindAt), tenantId: claim.tenantId, taskId: claim.id, remindAt: claim.remindAt.toISOString() }
}

type TaskState = { remindAt: Date | null; completedAt: Date | null; archivedAt: Date | null; assigneeEmail: string | null }

// Why a claimed reminder is no longer to be sent, or null when it is. A task rescheduled since the
// claim has a different remind_at: its new time is a reminder of its own, claimed in due course.
export function reminderSkipReason(task: TaskState | null, remindAt: Date): string | null {
  if (!task) return 'task deleted'
  if (task.completedAt) return 'task completed'
  if (task.archivedAt) return 'task archived'
  if (task.remindAt?.getTime() !== remindAt.getTime()) return 'task rescheduled'
  if (!task.assigneeEmail) return 'no active assignee'
  return null
}
