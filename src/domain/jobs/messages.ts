// Namespace import: esbuild can tree-shake it, while `import { z }` drags in every zod locale (~300 KB).
import * as z from 'zod'

// Every message on the `jobs` queue. Each carries an idempotency key, so a redelivered message
// produces its side effect once; tenant-scoped jobs (added by later modules) also carry tenantId.
export const HeartbeatMessage = z.strictObject({
  type: z.literal('heartbeat'),
  key: z.string().min(1),
  scheduledAt: z.iso.datetime(),
})

// Delivers one outbox row. The key is the row's idempotency key; the row's status is the record
// of whether it went out.
export const SendEmailMessage = z.strictObject({
  type: z.literal('send-email'),
  key: z.string().min(1),
  outboxId: z.uuid(),
})

// Hourly housekeeping: drops expired sign-in failures and long-dead sessions and links.
export const CleanupMessage = z.strictObject({
  type: z.literal('cleanup'),
  key: z.string().min(1),
  scheduledAt: z.iso.datetime(),
})

// One due task reminder, claimed by the reminders cron. remindAt is the time the claim saw: if the
// task was rescheduled since, the job finds a different remind_at and drops the message. The key
// is also the reminder email's outbox key (see reminderKey).
export const TaskReminderMessage = z.strictObject({
  type: z.literal('task-reminder'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  taskId: z.uuid(),
  remindAt: z.iso.datetime(),
})

export const JobMessage = z.discriminatedUnion('type', [HeartbeatMessage, SendEmailMessage, CleanupMessage, TaskReminderMessage])

export type JobMessage = z.infer<typeof JobMessage>
