// Trigger: the reminders cron ("* * * * *") enqueues one per claimed task. Idempotency key: "reminder:<taskId>:<remindAt ISO>", also the email's outbox key.
import { createDb } from '../../db/client'
import { writeReminderEmail } from '../../db/queries/reminder-outbox'
import { getReminderTask, type ReminderTask } from '../../db/queries/reminders'
import { reminderKey, reminderSkipReason, type TaskReminder } from '../../domain/jobs/reminders'
import { RELATED_LABELS, relatedPath, relatedRefOf } from '../../domain/related/related'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { linkSecret, signTaskLink } from '../../lib/signed-links'
import { taskReminderEmail } from '../../views/email/task-reminder'

// Writes the reminder to the outbox (once per key) and enqueues its delivery. The delivery is
// enqueued on every run, also when an earlier attempt already wrote the row: that attempt may have
// died before enqueueing, and the send-email job skips a row that is already sent.
export async function runTaskReminder(env: Env, msg: TaskReminder): Promise<void> {
  const db = createDb(env)
  const remindAt = new Date(msg.remindAt)
  const key = reminderKey(msg.taskId, remindAt)
  const task = await getReminderTask(db, msg.tenantId, msg.taskId, key)
  // Once the email is in the outbox the reminder was decided, even if the task has changed since
  // (an attempt that wrote the row and died before enqueueing): deliver it rather than orphan it.
  if (task?.writtenOutboxId) {
    await env.JOBS.send({ type: 'send-email', key, outboxId: task.writtenOutboxId })
    return
  }
  const skip = reminderSkipReason(task, remindAt)
  if (skip || !task?.assigneeEmail || !task.assigneeId) {
    logger.info('reminder.skipped', { tenantId: msg.tenantId, taskId: msg.taskId, key: msg.key, reason: skip })
    return
  }
  const email = await reminderEmail(env, msg, task, task.assigneeId)
  const outboxId = await writeReminderEmail(db, msg.tenantId, msg.taskId, remindAt, { tenantId: msg.tenantId, idempotencyKey: key, to: task.assigneeEmail, ...email })
  if (!outboxId) {
    logger.info('reminder.skipped', { tenantId: msg.tenantId, taskId: msg.taskId, key, reason: 'task changed while sending' })
    return
  }
  await env.JOBS.send({ type: 'send-email', key, outboxId })
}

// The snooze links are signed for the assignee and this reminder. Without a signing key the
// reminder still goes out, minus those links: an unsigned link would let anyone act on the task.
async function reminderEmail(env: Pick<Env, 'APP_URL' | 'LINK_SECRET'>, msg: TaskReminder, task: ReminderTask, assigneeId: string) {
  const ref = relatedRefOf(task)
  const url = (path: string) => new URL(path, env.APP_URL).toString()
  const secret = linkSecret(env)
  if (!secret) logger.error('reminder.links_unsigned', { tenantId: msg.tenantId, taskId: msg.taskId, key: msg.key, reason: 'LINK_SECRET is missing or shorter than 32 characters; run `wrangler secret put LINK_SECRET`' })
  const token = secret ? await signTaskLink(secret, { tenantId: msg.tenantId, taskId: task.id, userId: assigneeId, remindAt: new Date(msg.remindAt) }) : null
  return taskReminderEmail({
    name: task.assigneeName ?? '',
    workspaceName: task.workspaceName,
    title: task.title,
    dueAt: task.dueAt,
    timeZone: task.timeZone,
    taskUrl: url(`/tasks/${task.id}`),
    related: ref ? { label: RELATED_LABELS[ref.type], name: task.relatedName ?? '', url: url(relatedPath(ref)) } : null,
    actionUrl: token ? url(`/t/${token}`) : null,
  })
}
