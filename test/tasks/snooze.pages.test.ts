import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../../functions/worker'
import { createApp } from '../../src/app'
import { memberships, tasks } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { reminderKey } from '../../src/domain/jobs/reminders'
import type { Env } from '../../src/env'
import { LINK_TTL_MS, signLink, signTaskLink } from '../../src/lib/signed-links'
import { request, testDb, testEnv } from '../helpers/app'
import { addMember, formPost, me } from '../helpers/auth'
import { api, eventsOf } from '../helpers/records'
import { deliver, deliverWithEmails, forTasks, MINUTE, minutesAgo, outboxFor, runCron, seedTasks, tasksById, workspace, type Workspace } from '../jobs/reminder-fixtures'
import { newAccount } from './fixtures'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const HOUR = 60 * MINUTE
const KEY = testEnv.LINK_SECRET ?? ''

// A task whose reminder was really sent: seeded due, claimed by the real cron, written and sent by
// the real queue consumer. Returns the page's path as the email's text spells it.
async function remindedTask(ws: Workspace, extra: Partial<typeof tasks.$inferInsert> = {}) {
  const [id = ''] = await seedTasks(ws, [minutesAgo(1)], extra)
  await deliverWithEmails(forTasks(await runCron(), [id]))
  const [email] = await outboxFor(id)
  const links = [...(email?.text ?? '').matchAll(/http:\/\/localhost(\/t\/[A-Za-z0-9_.-]+)\?action=([a-z0-9-]+)/g)]
  return { id, email, links: links.map((m) => ({ path: m[1] ?? '', action: m[2] })), page: links[0]?.[1] ?? '' }
}

const open = (path: string) => request(path, { redirect: 'manual' })
const act = (path: string, action: string, headers: Record<string, string> = {}) => formPost(path, { action }, headers)
const taskRow = async (ws: Workspace, id: string) => (await tasksById(ws, [id]))[0]
// The token's claims, to forge variations of a real one.
const claimsOf = (path: string) => JSON.parse(atob((path.slice(3).split('.')[0] ?? '').replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>
const b64url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')

async function expectRefused(path: string, status: number, title: string, taskTitle: string) {
  for (const res of [await open(path), await act(path, 'done'), await act(path, 'snooze-1h')]) {
    expect(res.status).toBe(status)
    const html = await res.text()
    expect(html).toContain(title)
    expect(html).not.toContain(taskTitle)
    expect(html).not.toContain('<button type="submit" name="action"')
  }
}

describe('the snooze page behind a reminder email', () => {
  it('opens from the email without signing in, shows the task, and changes nothing', async () => {
    const ws = await workspace()
    const acme = await newAccount(ws.admin, 'Acme <Corp>')
    const due = new Date(Date.now() + 3 * HOUR)
    const { id, email, links, page } = await remindedTask(ws, { title: 'Call <b>Acme</b>', accountId: acme.id, dueAt: due })
    // Three links in the email, to one signed page.
    expect(links.map((l) => l.action)).toEqual(['snooze-1h', 'snooze-1d', 'done'])
    expect(new Set(links.map((l) => l.path)).size).toBe(1)
    expect(email?.html).toContain(`href="http://localhost${page}?action=done"`)

    const before = await taskRow(ws, id)
    const eventsBefore = (await eventsOf(ws.tenantId, id)).length
    const res = await open(`${page}?action=done`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain('Call &lt;b&gt;Acme&lt;/b&gt;')
    expect(html).toContain('Account: Acme &lt;Corp&gt;')
    expect(html).toContain('Reminders') // the workspace
    expect(html).toContain(`datetime="${due.toISOString()}"`)
    for (const label of ['Snooze 1 hour', 'Snooze 1 day', 'Mark done']) expect(html).toContain(label)
    // The action clicked in the email is the one Enter confirms.
    expect(html).toMatch(/<button type="submit" name="action" value="done" autofocus="">Mark done<\/button>/)
    expect(html).toContain(`href="/tasks/${id}"`)
    // Opening the page (as a mail scanner would, repeatedly) is not an action.
    await open(page)
    expect(await taskRow(ws, id)).toEqual(before)
    expect(await eventsOf(ws.tenantId, id)).toHaveLength(eventsBefore)
  })

  it('Snooze 1 hour moves the reminder, re-arms it as the assignee, and the cron reminds again an hour later', async () => {
    const ws = await workspace()
    const due = new Date(Date.now() + 5 * HOUR)
    const { id, page } = await remindedTask(ws, { dueAt: due })
    expect(await taskRow(ws, id)).toMatchObject({ reminderSentAt: expect.any(Date) })
    // Snoozed a little over an hour ago, so the new reminder is due now.
    const snoozedAt = Date.now() - HOUR - MINUTE
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(snoozedAt)
    const res = await act(page, 'snooze-1h')
    vi.useRealTimers()
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Snoozed')
    expect(html).toContain('again in 1 hour')
    const remindAt = new Date(snoozedAt + HOUR)
    expect(html).toContain(`datetime="${remindAt.toISOString()}"`)
    expect(await taskRow(ws, id)).toMatchObject({ remindAt, dueAt: due, reminderSentAt: null, reminderClaimedAt: null, completedAt: null })
    const last = (await eventsOf(ws.tenantId, id)).at(-1)
    expect(last).toMatchObject({ eventType: 'updated', actorUserId: ws.userId, payload: { changes: { remindAt: expect.anything() } } })

    const again = forTasks(await runCron(), [id])
    expect(again.map((m) => m.key)).toEqual([reminderKey(id, remindAt)])
    await deliverWithEmails(again)
    expect((await outboxFor(id)).map((r) => r.idempotencyKey)).toContain(reminderKey(id, remindAt))
    expect(await outboxFor(id)).toHaveLength(2)
  })

  it('Snooze 1 day takes an earlier due time along, and leaves a later one alone', async () => {
    const ws = await workspace()
    const soon = await remindedTask(ws, { dueAt: new Date(Date.now() + 2 * HOUR) })
    const later = new Date(Date.now() + 3 * 24 * HOUR)
    const far = await remindedTask(ws, { dueAt: later })
    const start = Date.now()

    const res = await act(soon.page, 'snooze-1d')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Its due time was earlier, so it moved to the same time.')
    const moved = await taskRow(ws, soon.id)
    expect(moved?.remindAt?.getTime()).toBeGreaterThanOrEqual(start + 24 * HOUR)
    expect(moved?.remindAt?.getTime()).toBeLessThan(Date.now() + 24 * HOUR + 1)
    expect(moved?.dueAt).toEqual(moved?.remindAt)

    expect((await act(far.page, 'snooze-1d')).status).toBe(200)
    expect(await taskRow(ws, far.id)).toMatchObject({ dueAt: later, reminderSentAt: null })
  })

  it('Mark done completes the task as the assignee; after that the page only says it is done', async () => {
    const ws = await workspace()
    const acme = await newAccount(ws.admin)
    const { id, page } = await remindedTask(ws, { title: 'Send the quote', accountId: acme.id })
    const res = await act(page, 'done')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('is marked done')
    const done = await taskRow(ws, id)
    expect(done).toMatchObject({ completedAt: expect.any(Date), completedBy: ws.userId })
    expect((await eventsOf(ws.tenantId, id)).at(-1)).toMatchObject({ eventType: 'task_completed', actorUserId: ws.userId })
    expect((await eventsOf(ws.tenantId, acme.id)).at(-1)).toMatchObject({ eventType: 'task_completed', actorUserId: ws.userId, payload: { taskId: id } })

    for (const res of [await act(page, 'done'), await act(page, 'snooze-1d'), await open(page)]) {
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toContain('Already done')
      expect(html).not.toContain('<button type="submit" name="action"')
    }
    expect(await taskRow(ws, id)).toEqual(done)
  })

  it("posts from the page work without a session, even with a browser's Origin: null; a post without a choice is a 422", async () => {
    const ws = await workspace()
    const { id, page } = await remindedTask(ws)
    const before = await taskRow(ws, id)
    const none = await act(page, '')
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('Choose one of the buttons')
    expect(await taskRow(ws, id)).toEqual(before)
    expect((await act(page, 'snooze-1h', { Origin: 'null' })).status).toBe(200)
  })
})

describe('links that do not work', () => {
  it('tampered, other-purpose and made-up links are one 404; an expired one is a 410; none changes the task', async () => {
    const ws = await workspace()
    const { id, page } = await remindedTask(ws, { title: 'Secret deal' })
    const before = await taskRow(ws, id)
    const claims = claimsOf(page)
    const [, sig] = page.split('.')
    const otherTask = `/t/${b64url(JSON.stringify({ ...claims, k: crypto.randomUUID() }))}.${sig}`
    const badSig = `${page.slice(0, -3)}${page.endsWith('AAA') ? 'BBB' : 'AAA'}`
    const otherPurpose = `/t/${await signLink(KEY, { ...claims, p: 'invitation' } as { p: string; exp: number })}`
    for (const path of [otherTask, badSig, otherPurpose, '/t/nonsense']) await expectRefused(path, 404, 'This link does not work', 'Secret deal')
    // Correctly signed, for a task that does not exist: the very same answer.
    const noTask = `/t/${await signTaskLink(KEY, { tenantId: ws.tenantId, taskId: crypto.randomUUID(), userId: ws.userId, remindAt: new Date() })}`
    await expectRefused(noTask, 404, 'This link does not work', 'Secret deal')

    const expired = `/t/${await signTaskLink(KEY, { tenantId: ws.tenantId, taskId: id, userId: ws.userId, remindAt: new Date() }, Date.now() - LINK_TTL_MS - MINUTE)}`
    await expectRefused(expired, 410, 'This link has expired', 'Secret deal')
    expect(await taskRow(ws, id)).toEqual(before)
  })

  it("a link for workspace A cannot reach workspace B's task, signed or forged", async () => {
    const a = await workspace()
    const b = await workspace()
    const theirs = await remindedTask(b, { title: 'Their task' })
    const before = await taskRow(b, theirs.id)
    // Signed with the real key, naming A but B's task: scoped by A, the task does not exist.
    const crossed = `/t/${await signTaskLink(KEY, { tenantId: a.tenantId, taskId: theirs.id, userId: a.userId, remindAt: new Date() })}`
    await expectRefused(crossed, 404, 'This link does not work', 'Their task')
    // A's own real link, edited to name B's task and assignee: the signature no longer holds.
    const ours = await remindedTask(a)
    const [, sig] = ours.page.split('.')
    const forged = `/t/${b64url(JSON.stringify({ ...claimsOf(ours.page), t: b.tenantId, k: theirs.id, u: b.userId }))}.${sig}`
    await expectRefused(forged, 404, 'This link does not work', 'Their task')
    expect(await taskRow(b, theirs.id)).toEqual(before)
  })

  it('a link to a task deleted (archived) since is a 404', async () => {
    const ws = await workspace()
    const { id, page } = await remindedTask(ws, { title: 'Gone soon' })
    expect((await ws.admin.post(`/tasks/${id}/archive`, {})).status).toBe(303)
    await expectRefused(page, 404, 'This link does not work', 'Gone soon')
  })

  it('refuses politely once the task is reassigned, or the assignee is deactivated', async () => {
    const ws = await workspace()
    const rep = await me(await addMember(ws.admin, 'rep'))
    const moved = await remindedTask(ws, { title: 'Moved on' })
    expect((await api(ws.admin, 'PATCH', `/tasks/${moved.id}`, { assigneeId: rep.userId })).status).toBe(200)
    const before = await taskRow(ws, moved.id)
    await expectRefused(moved.page, 403, 'This task is no longer yours', 'Moved on')
    expect(await taskRow(ws, moved.id)).toEqual(before)

    const mine = await remindedTask(ws, { title: 'Left behind' })
    await testDb().update(memberships).set({ deactivatedAt: new Date() }).where(and(eq(memberships.tenantId, ws.tenantId), eq(memberships.userId, ws.userId)))
    await expectRefused(mine.page, 403, 'This task is no longer yours', 'Left behind')
  })

  it('too many requests from one address are refused before any token is checked', async () => {
    const limited = { ...testEnv, RATE_LIMITER: { limit: async () => ({ success: false }) } as unknown as Env['RATE_LIMITER'] }
    const res = await createApp().request('/t/anything', {}, limited)
    expect(res.status).toBe(429)
  })
})

describe('without LINK_SECRET', () => {
  const unsigned = { ...testEnv, LINK_SECRET: undefined }

  it('a reminder still goes out, without snooze links, and the missing key is logged as an error', async () => {
    const errors = vi.spyOn(console, 'error')
    const ws = await workspace()
    const [id = ''] = await seedTasks(ws, [minutesAgo(1)])
    const enqueued: JobMessage[] = []
    const batch = createMessageBatch('jobs', forTasks(await runCron(), [id]).map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })))
    await worker.queue(batch, { ...unsigned, JOBS: { send: async (body: JobMessage) => void enqueued.push(body) } as unknown as Env['JOBS'] })
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual(['m0'])
    await deliver(enqueued)
    const [email] = await outboxFor(id)
    expect(email).toMatchObject({ status: 'sent', toAddress: ws.email })
    expect(email?.text).toContain(`http://localhost/tasks/${id}`)
    expect(email?.text).not.toContain('/t/')
    expect(email?.text).not.toContain('Snooze')
    expect(errors.mock.calls.some(([line]) => String(line).includes('"reminder.links_unsigned"') && String(line).includes(id))).toBe(true)
  })

  it('the page answers 503 rather than trusting any token', async () => {
    const ws = await workspace()
    const { page } = await remindedTask(ws)
    const res = await createApp().request(page, {}, unsigned)
    expect(res.status).toBe(503)
  })
})
