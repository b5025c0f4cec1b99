// Namespace import: esbuild can tree-shake it, while `import { z }` drags in every zod locale (~300 KB).
import * as z from 'zod'
import { VIEW_ENTITIES } from '../views/catalogue'

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

// One member's daily digest for one local day (YYYY-MM-DD in their zone), claimed by the digest
// cron. The key is also the digest email's outbox key (see digestKey).
export const DigestMessage = z.strictObject({
  type: z.literal('digest'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  userId: z.uuid(),
  localDate: z.iso.date(),
})

// Recomputes one lead's score: enqueued after a change to the lead or its engagement, and by the
// nightly sweep. The score's version is the time the job reads the inputs, not the key.
export const ScoreRecomputeMessage = z.strictObject({
  type: z.literal('score.recompute'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  leadId: z.uuid(),
})

// One page of a workspace's nightly rescoring (for decay): the leads after `after` (by id) that
// were scored before runStartedAt, the cron tick.
export const ScoreSweepMessage = z.strictObject({
  type: z.literal('score.sweep'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  runStartedAt: z.iso.datetime(),
  after: z.uuid().optional(),
})

// A large export, prepared as a file for the person who asked: `params` are the list's query
// parameters as they asked (with view=<id> for a saved view), read again by the job as the list
// page reads them. The key ("export:<exportId>") is also the email's outbox key.
export const ExportMessage = z.strictObject({
  type: z.literal('export'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  userId: z.uuid(),
  exportId: z.uuid(),
  entity: z.enum(VIEW_ENTITIES),
  params: z.record(z.string(), z.string()),
  filename: z.string().regex(/^[a-z0-9.-]+$/),
})

// One attempt of one webhook delivery, enqueued by the dispatcher cron, by the job itself (a
// retry, with a delay), by replay and by "send test event". The key names the delivery and the
// attempt; the delivery row's status and next_attempt_at decide whether it still goes out.
export const WebhookDeliverMessage = z.strictObject({
  type: z.literal('webhook.deliver'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  deliveryId: z.uuid(),
})

// Works through one CSV import (import.run: its rows; import.revert: its undo) for as long as one
// invocation's budget lasts, then sends itself again to carry on. The import's lease, not the
// key, makes a redelivery harmless; the key ("<importId>:<rows done>") names the stretch.
export const ImportRunMessage = z.strictObject({
  type: z.literal('import.run'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  importId: z.uuid(),
})

export const ImportRevertMessage = z.strictObject({
  type: z.literal('import.revert'),
  key: z.string().min(1),
  tenantId: z.uuid(),
  importId: z.uuid(),
})

export const JobMessage = z.discriminatedUnion('type', [
  HeartbeatMessage,
  SendEmailMessage,
  CleanupMessage,
  TaskReminderMessage,
  DigestMessage,
  ScoreRecomputeMessage,
  ScoreSweepMessage,
  ExportMessage,
  WebhookDeliverMessage,
  ImportRunMessage,
  ImportRevertMessage,
])

export type JobMessage = z.infer<typeof JobMessage>
