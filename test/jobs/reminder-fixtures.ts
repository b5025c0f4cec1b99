import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test'
import { and, eq, inArray, like } from 'drizzle-orm'
import { vi } from 'vitest'
import worker from '../../functions/worker'
import { outbox, tasks } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import type { TaskReminder } from '../../src/domain/jobs/reminders'
import type { Env } from '../../src/env'
import { CRONS } from '../../src/handlers/jobs/scheduled'
import { testDb, testEnv } from '../helpers/app'
import { me, signUp, type Browser } from '../helpers/auth'

export const MINUTE = 60_000
export const minutesAgo = (n: number) => new Date(Date.now() - n * MINUTE)

export type Workspace = { admin: Browser; tenantId: string; userId: string; email: string }

export async function workspace(): Promise<Workspace> {
  const admin = await signUp({ workspace: 'Reminders' })
  const who = await me(admin)
  return { admin, tenantId: who.workspace.id, userId: who.userId, email: who.email }
}

// Tasks written straight to the table, so remind_at can lie in the past (as after an outage).
export async function seedTasks(ws: Workspace, remindAts: Date[], extra: Partial<typeof tasks.$inferInsert> = {}): Promise<string[]> {
  const rows = remindAts.map((remindAt, i) => ({ id: crypto.randomUUID(), tenantId: ws.tenantId, title: `Follow up ${i}`, remindAt, assigneeId: ws.userId, createdBy: ws.userId, ...extra }))
  await testDb().insert(tasks).values(rows)
  return rows.map((r) => r.id)
}

// Cron and consumers share the database with every other test file, which may have due
// reminders of its own; each test looks only at its own tasks.
export const forTasks = (messages: unknown[], ids: string[]) => (messages as TaskReminder[]).filter((m) => m.type === 'task-reminder' && ids.includes(m.taskId))

// One run of the real scheduled() handler on the reminders cron; returns what it enqueued.
export async function runCron(): Promise<TaskReminder[]> {
  const sent: unknown[] = []
  const JOBS = { sendBatch: async (msgs: { body: unknown }[]) => void sent.push(...msgs.map((m) => m.body)) } as unknown as Env['JOBS']
  const ctx = createExecutionContext()
  worker.scheduled(createScheduledController({ cron: CRONS.reminders, scheduledTime: Date.now() }), { ...testEnv, JOBS }, ctx)
  await waitOnExecutionContext(ctx)
  return sent as TaskReminder[]
}

// One delivery of `bodies` through the real queue() handler. What the jobs enqueue with send()
// (the send-email messages) is captured, or refused when `failSend` is set.
export async function deliver(bodies: JobMessage[], { attempts = 1, failSend = false } = {}) {
  const enqueued: JobMessage[] = []
  const send = async (body: JobMessage) => {
    if (failSend) throw new Error('queue unavailable')
    enqueued.push(body)
  }
  const batch = createMessageBatch('jobs', bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })))
  const ctx = createExecutionContext()
  await worker.queue(batch, { ...testEnv, JOBS: { send } as unknown as Env['JOBS'] })
  return { ...(await getQueueResult(batch, ctx)), enqueued }
}

// Delivers reminder messages, then the send-email messages they produced.
export async function deliverWithEmails(bodies: JobMessage[], attempts = 1) {
  const reminders = await deliver(bodies, { attempts })
  const emails = reminders.enqueued.length ? await deliver(reminders.enqueued, { attempts }) : null
  return { reminders, emails }
}

export const outboxFor = (taskId: string) => testDb().select().from(outbox).where(like(outbox.idempotencyKey, `reminder:${taskId}:%`))

export const tasksById = (ws: Workspace, ids: string[]) => testDb().select().from(tasks).where(and(eq(tasks.tenantId, ws.tenantId), inArray(tasks.id, ids)))

// Counts what reached the (log) provider: its one log line per send, by idempotency key.
export function watchProvider() {
  const log = vi.spyOn(console, 'log')
  return (taskId: string) =>
    log.mock.calls
      .map(([line]) => {
        try {
          return JSON.parse(String(line)) as { event?: string; idempotencyKey?: string }
        } catch {
          return {}
        }
      })
      .filter((l) => l.event === 'mail.sent' && l.idempotencyKey?.startsWith(`reminder:${taskId}:`)).length
}
