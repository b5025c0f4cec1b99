import { inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { jobFailures, outbox } from '../../src/db/schema'
import { jobRef } from '../../src/domain/jobs/failures'
import { testDb } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { requestWith, seedEmails } from '../helpers/emails'
import { capturingQueue } from '../helpers/jobs'
import { deadReminder, failureOf } from '../jobs/dead-job-fixtures'
import { deliver, forTasks, minutesAgo, runCron, seedTasks, workspace, type Workspace } from '../jobs/reminder-fixtures'

const keys = (html: string) => [...html.matchAll(/type="checkbox" name="ids" value="([^"]+)"/g)].map((m) => m[1]?.replaceAll('&amp;', '&'))
const metric = (html: string, label: string) => new RegExp(`<dt>${label}</dt><dd>([\\d,]+)</dd>`).exec(html)?.[1]
const nextLink = (html: string) => /<a href="([^"]+)"[^>]*rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null
const form = (refs: string[]) => new URLSearchParams(refs.map((r) => ['ids', r]))

// Dead jobs written straight to the table, all dead at the same instant, so paging has to fall
// back on (type, key) to keep its order.
async function seedDeadJobs(tenantId: string, n: number) {
  const deadAt = new Date()
  const rows = Array.from({ length: n }, (_, i) => ({ type: 'heartbeat', key: `paging:${String(i).padStart(2, '0')}`, tenantId, body: { type: 'heartbeat', n: i }, lastError: 'boom', deadAt }))
  await testDb().insert(jobFailures).values(rows)
}

describe('/settings/jobs', () => {
  it('lists a dead job of this workspace with its error and payload, and not another workspace’s', async () => {
    const ws = await workspace()
    const other = await workspace()
    const mine = await deadReminder(ws, 'Ring <Ada>')
    const theirs = await deadReminder(other)

    const res = await ws.admin.get('/settings/jobs')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Jobs</h1>')
    expect(html).toContain('href="/settings/jobs" aria-current="page">Jobs</a>')
    expect(keys(html)).toContain(jobRef(mine))
    expect(keys(html)).not.toContain(jobRef(theirs))
    expect(html).toContain('queue unavailable')
    // The payload, pretty-printed and escaped, ready to be expanded.
    expect(html).toContain(`&quot;taskId&quot;: &quot;${mine.taskId}&quot;`)
    expect(html).not.toContain(theirs.taskId)
    expect(metric(html, 'Dead jobs')).toBe('1')
  })

  it('says so when there is nothing dead', async () => {
    const html = await (await (await signUp()).get('/settings/jobs')).text()
    expect(html).toContain('No dead jobs. Jobs that fail 6 times land here.')
    expect(metric(html, 'Dead jobs')).toBe('0')
  })

  it('Retry sends the stored body again and takes the job off the list', async () => {
    const ws = await workspace()
    const msg = await deadReminder(ws)
    const queue = capturingQueue()
    const res = await requestWith({ JOBS: queue.jobs }, ws.admin, '/settings/jobs/retry', { method: 'POST', form: form([jobRef(msg)]) })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/settings/jobs')
    expect(queue.sent).toEqual([msg])
    expect(await failureOf(msg)).toMatchObject({ resolution: 'retried', resolvedAt: expect.any(Date) })
    expect(keys(await (await ws.admin.get('/settings/jobs')).text())).not.toContain(jobRef(msg))

    // A second click finds nothing dead to retry; nothing is sent twice.
    const again = await requestWith({ JOBS: queue.jobs }, ws.admin, '/settings/jobs/retry', { method: 'POST', form: form([jobRef(msg)]) })
    expect(again.status).toBe(404)
    expect(queue.sent).toHaveLength(1)

    // The retried job fails again: it is open again, and dead again once the queue gives up.
    await deliver([msg], { attempts: 1, failSend: true })
    expect(await failureOf(msg)).toMatchObject({ attempts: 1, resolution: null, resolvedAt: null, deadAt: null })
  })

  it('Retry puts the job back on the list when it cannot be queued', async () => {
    const ws = await workspace()
    const msg = await deadReminder(ws)
    const JOBS = { sendBatch: async () => Promise.reject(new Error('queue unavailable')) } as unknown as ReturnType<typeof capturingQueue>['jobs']
    const res = await requestWith({ JOBS }, ws.admin, '/settings/jobs/retry', { method: 'POST', form: form([jobRef(msg)]) })
    expect(res.status).toBe(500)
    expect(await failureOf(msg)).toMatchObject({ resolution: null, resolvedAt: null, deadAt: expect.any(Date) })
  })

  it('Discard drops the job; with htmx the panel comes back with fresh counts', async () => {
    const ws = await workspace()
    const keep = await deadReminder(ws)
    const drop = await deadReminder(ws)
    const queue = capturingQueue()
    const res = await requestWith({ JOBS: queue.jobs }, ws.admin, '/settings/jobs/discard', { method: 'POST', form: form([jobRef(drop)]), headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(200)
    const panel = await res.text()
    expect(panel.startsWith('<div id="jobs-panel">')).toBe(true)
    expect(keys(panel)).toEqual([jobRef(keep)])
    expect(metric(panel, 'Dead jobs')).toBe('1')
    expect(queue.sent).toEqual([])
    expect(await failureOf(drop)).toMatchObject({ resolution: 'discarded' })
  })

  it('retries or discards the ticked jobs together', async () => {
    const ws = await workspace()
    const [a, b, c] = [await deadReminder(ws), await deadReminder(ws), await deadReminder(ws)]
    const queue = capturingQueue()
    const retried = await requestWith({ JOBS: queue.jobs }, ws.admin, '/settings/jobs/retry', { method: 'POST', form: form([jobRef(a), jobRef(b)]) })
    expect(retried.status).toBe(303)
    expect(queue.sent).toHaveLength(2)
    expect(queue.sent).toEqual(expect.arrayContaining([a, b]))
    expect(keys(await (await ws.admin.get('/settings/jobs')).text())).toEqual([jobRef(c)])
    expect((await requestWith({}, ws.admin, '/settings/jobs/discard', { method: 'POST', form: new URLSearchParams() })).status).toBe(422)
  })

  it('pages through dead jobs 50 at a time, newest first', async () => {
    const admin = await signUp()
    await seedDeadJobs((await me(admin)).workspace.id, 55)
    const first = await (await admin.get('/settings/jobs')).text()
    expect(first).toContain('55 dead jobs')
    expect(keys(first)).toEqual(Array.from({ length: 50 }, (_, i) => `heartbeat:paging:${String(54 - i).padStart(2, '0')}`))
    const next = nextLink(first)
    const fragment = await admin.get(next ?? '', { 'HX-Request': 'true' })
    const second = await fragment.text()
    expect(second.startsWith('<section id="record-list"')).toBe(true)
    expect(keys(second)).toEqual(['heartbeat:paging:04', 'heartbeat:paging:03', 'heartbeat:paging:02', 'heartbeat:paging:01', 'heartbeat:paging:00'])
    expect(nextLink(second)).toBeNull()
    expect((await admin.get('/settings/jobs?cursor=nonsense!')).status).toBe(400)
  })

  it('shows the backlog and the last 24 hours of email from real rows', async () => {
    const ws: Workspace = await workspace()
    const { ids } = await seedEmails(ws.tenantId, 3)
    await seedEmails(ws.tenantId, 2, { status: 'sent' })
    await seedEmails(ws.tenantId, 1, { status: 'failed', lastError: 'resend answered 422' })
    // Older than a day: neither sent nor failed "in the last 24 hours".
    const old = await seedEmails(ws.tenantId, 2, { status: 'sent' })
    const oldFailed = await seedEmails(ws.tenantId, 1, { status: 'failed' })
    await testDb().update(outbox).set({ createdAt: new Date(Date.now() - 30 * 3_600_000) }).where(inArray(outbox.id, [...old.ids, ...oldFailed.ids, ids[0] ?? '']))
    // Due and unsent reminders; a future one does not count.
    await seedTasks(ws, [minutesAgo(5), minutesAgo(10), new Date(Date.now() + 3_600_000)])
    await deadReminder(ws)
    const retrying = await seedTasks(ws, [minutesAgo(1)])
    await deliver(forTasks(await runCron(), retrying), { failSend: true })

    const html = await (await ws.admin.get('/settings/jobs')).text()
    // The dead and the retrying reminder each wrote their email before failing to enqueue it.
    const queuedByReminders = 2
    expect(metric(html, 'Emails waiting to be sent')).toBe(String(3 + queuedByReminders))
    expect(metric(html, 'Emails sent, last 24 hours')).toBe('2')
    expect(metric(html, 'Emails failed, last 24 hours')).toBe('1')
    expect(metric(html, 'Reminders due, not yet sent')).toBe('2')
    expect(metric(html, 'Jobs being retried')).toBe('1')
    expect(metric(html, 'Dead jobs')).toBe('1')
  })

  it('is admin-only, and another workspace’s dead job cannot be retried or discarded', async () => {
    const ws = await workspace()
    const msg = await deadReminder(ws)
    const rep = await addMember(ws.admin, 'rep')
    const queue = capturingQueue()
    expect((await rep.get('/settings/jobs')).status).toBe(403)
    expect((await requestWith({ JOBS: queue.jobs }, rep, '/settings/jobs/retry', { method: 'POST', form: form([jobRef(msg)]) })).status).toBe(403)

    const outsider = await signUp()
    for (const action of ['retry', 'discard']) {
      expect((await requestWith({ JOBS: queue.jobs }, outsider, `/settings/jobs/${action}`, { method: 'POST', form: form([jobRef(msg)]) })).status).toBe(404)
    }
    expect(queue.sent).toEqual([])
    expect(await failureOf(msg)).toMatchObject({ resolvedAt: null, deadAt: expect.any(Date) })
  })
})
