import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tasks } from '../../src/db/schema'
import { reminderKey, REMINDER_LEASE_MS } from '../../src/domain/jobs/reminders'
import { testDb } from '../helpers/app'
import { api } from '../helpers/records'
import { newAccount } from '../tasks/fixtures'
import { deliver, deliverWithEmails, forTasks, MINUTE, minutesAgo, outboxFor, runCron, seedTasks, tasksById, watchProvider, workspace } from './reminder-fixtures'

afterEach(() => vi.restoreAllMocks())

describe('reminders cron', () => {
  it('claims a due reminder and enqueues one message keyed by task and remind_at', async () => {
    const ws = await workspace()
    const remindAt = minutesAgo(1)
    const [id = ''] = await seedTasks(ws, [remindAt])
    const [future = ''] = await seedTasks(ws, [new Date(Date.now() + 10 * MINUTE)])
    const sent = forTasks(await runCron(), [id, future])
    expect(sent).toEqual([{ type: 'task-reminder', key: reminderKey(id, remindAt), tenantId: ws.tenantId, taskId: id, remindAt: remindAt.toISOString() }])
    const [row] = await tasksById(ws, [id])
    expect(row?.reminderClaimedAt).toBeInstanceOf(Date)
    expect(row?.reminderSentAt).toBeNull()
    // Claimed and not yet sent: the next run leaves it to the message already on the queue.
    expect(forTasks(await runCron(), [id])).toEqual([])
  })

  it('reclaims a reminder whose claim is older than the lease (its message was lost)', async () => {
    const ws = await workspace()
    const [id = ''] = await seedTasks(ws, [minutesAgo(30)])
    expect(forTasks(await runCron(), [id])).toHaveLength(1)
    const lapsed = new Date(Date.now() - REMINDER_LEASE_MS - MINUTE)
    await testDb().update(tasks).set({ reminderClaimedAt: lapsed }).where(eq(tasks.id, id))
    expect(forTasks(await runCron(), [id])).toHaveLength(1)
  })

  // On the PostgreSQL server (TEST_DATABASE_URL) the two runs' claim statements really overlap,
  // and SKIP LOCKED plus the re-checked claim condition is what keeps them apart. On PGlite the
  // local endpoint runs one statement at a time, so there this only checks the bookkeeping and
  // is no proof of concurrency.
  it('two overlapping cron runs enqueue each reminder once', async () => {
    const ws = await workspace()
    const ids = await seedTasks(ws, Array.from({ length: 700 }, (_, i) => new Date(Date.now() - MINUTE - i * 1000)))
    const [a, b] = await Promise.all([runCron(), runCron()])
    const all = [...forTasks(a ?? [], ids), ...forTasks(b ?? [], ids)].map((m) => m.taskId)
    expect(all).toHaveLength(ids.length)
    expect(new Set(all).size).toBe(ids.length)
  })
})

describe('task-reminder job', () => {
  it('sends a due reminder once: one outbox row, one send, with links to the task and its record', async () => {
    const sends = watchProvider()
    const ws = await workspace()
    const acme = await newAccount(ws.admin, 'Acme <Corp>')
    const [id = ''] = await seedTasks(ws, [minutesAgo(1)], { title: 'Call <b>Acme</b>', accountId: acme.id })
    const { reminders, emails } = await deliverWithEmails(forTasks(await runCron(), [id]))
    expect(reminders.explicitAcks).toEqual(['m0'])
    expect(emails?.explicitAcks).toEqual(['m0'])
    const rows = await outboxFor(id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ tenantId: ws.tenantId, toAddress: ws.email, subject: 'Reminder: Call <b>Acme</b>', status: 'sent' })
    expect(rows[0]?.html).toContain(`href="http://localhost/tasks/${id}"`)
    expect(rows[0]?.html).toContain(`href="http://localhost/accounts/${acme.id}"`)
    expect(rows[0]?.html).toContain('Acme &lt;Corp&gt;')
    expect(rows[0]?.text).toContain('Account: Acme <Corp>')
    expect(sends(id)).toBe(1)
    const [task] = await tasksById(ws, [id])
    expect(task?.reminderSentAt).toBeInstanceOf(Date)
    expect(forTasks(await runCron(), [id])).toEqual([])
  })

  it('the same message delivered 1 to 5 times gives one outbox row and one send', async () => {
    const sends = watchProvider()
    const ws = await workspace()
    const ids = await seedTasks(ws, [minutesAgo(2), minutesAgo(2), minutesAgo(2), minutesAgo(2), minutesAgo(2)])
    const messages = forTasks(await runCron(), ids)
    expect(messages).toHaveLength(5)
    for (const [n, msg] of messages.entries()) {
      for (let attempt = 1; attempt <= n + 1; attempt++) {
        const { reminders, emails } = await deliverWithEmails([msg], attempt)
        expect(reminders.explicitAcks).toEqual(['m0'])
        expect(emails?.explicitAcks).toEqual(['m0'])
      }
      expect(await outboxFor(msg.taskId)).toHaveLength(1)
      expect(sends(msg.taskId)).toBe(1)
    }
  })

  it('a fault between writing the outbox and acking: the redelivery sends the email once', async () => {
    const sends = watchProvider()
    const ws = await workspace()
    const [id = ''] = await seedTasks(ws, [minutesAgo(1)])
    const messages = forTasks(await runCron(), [id])
    // First attempt: the outbox row and the sent mark are written, then enqueueing the delivery fails.
    const failed = await deliver(messages, { failSend: true })
    expect(failed.explicitAcks).toEqual([])
    expect(failed.retryMessages).toEqual([{ msgId: 'm0' }])
    expect(await outboxFor(id)).toMatchObject([{ status: 'queued' }])
    // The redelivery finds the row, enqueues its delivery, and a further redelivery changes nothing.
    await deliverWithEmails(messages, 2)
    await deliverWithEmails(messages, 3)
    expect(await outboxFor(id)).toMatchObject([{ status: 'sent', attempts: 1 }])
    expect(sends(id)).toBe(1)
  })

  it('delivers a reminder already in the outbox even if the task was completed before the redelivery', async () => {
    const sends = watchProvider()
    const ws = await workspace()
    const [id = ''] = await seedTasks(ws, [minutesAgo(1)])
    const messages = forTasks(await runCron(), [id])
    await deliver(messages, { failSend: true })
    expect((await api(ws.admin, 'POST', `/tasks/${id}/complete`)).status).toBe(200)
    await deliverWithEmails(messages, 2)
    expect(await outboxFor(id)).toMatchObject([{ status: 'sent' }])
    expect(sends(id)).toBe(1)
  })

  it('does not remind of a task completed before the job runs', async () => {
    const ws = await workspace()
    const [id = ''] = await seedTasks(ws, [minutesAgo(1)])
    const messages = forTasks(await runCron(), [id])
    expect((await api(ws.admin, 'POST', `/tasks/${id}/complete`)).status).toBe(200)
    const { reminders, emails } = await deliverWithEmails(messages)
    expect(reminders.explicitAcks).toEqual(['m0'])
    expect(reminders.enqueued).toEqual([])
    expect(emails).toBeNull()
    expect(await outboxFor(id)).toEqual([])
  })

  it('does not send the old reminder of a rescheduled task, and sends the new one when it falls due', async () => {
    const sends = watchProvider()
    const ws = await workspace()
    const [id = ''] = await seedTasks(ws, [minutesAgo(1)])
    const old = forTasks(await runCron(), [id])
    const later = new Date(Date.now() + 60 * MINUTE)
    expect((await api(ws.admin, 'PATCH', `/tasks/${id}`, { remindAt: later.toISOString() })).status).toBe(200)
    expect(await tasksById(ws, [id])).toMatchObject([{ reminderClaimedAt: null, reminderSentAt: null }])
    await deliverWithEmails(old)
    expect(await outboxFor(id)).toEqual([])
    // Moved back into the past, it is a new reminder with a key of its own, sent on the next run.
    const now = minutesAgo(0.5)
    expect((await api(ws.admin, 'PATCH', `/tasks/${id}`, { remindAt: now.toISOString() })).status).toBe(200)
    const fresh = forTasks(await runCron(), [id])
    expect(fresh.map((m) => m.key)).toEqual([reminderKey(id, now)])
    await deliverWithEmails(fresh)
    await deliverWithEmails(old)
    expect((await outboxFor(id)).map((r) => r.idempotencyKey)).toEqual([reminderKey(id, now)])
    expect(sends(id)).toBe(1)
  })

  it('does not remind a task with no assignee', async () => {
    const ws = await workspace()
    const [id = ''] = await seedTasks(ws, [minutesAgo(1)], { assigneeId: null })
    await deliverWithEmails(forTasks(await runCron(), [id]))
    expect(await outboxFor(id)).toEqual([])
  })
})

describe('catch-up after an outage', () => {
  it('sends every reminder missed in two hours once on the next run, and none again on the run after', async () => {
    const sends = watchProvider()
    const ws = await workspace()
    // Due every five minutes from two hours ago, and one a minute ago.
    const ids = await seedTasks(ws, [...Array.from({ length: 24 }, (_, i) => minutesAgo(120 - i * 5)), minutesAgo(1)])
    const first = forTasks(await runCron(), ids)
    expect(first.map((m) => m.taskId).sort()).toEqual([...ids].sort())
    await deliverWithEmails(first)
    expect(forTasks(await runCron(), ids)).toEqual([])
    for (const id of ids) {
      expect(await outboxFor(id)).toHaveLength(1)
      expect(sends(id)).toBe(1)
    }
  })
})
