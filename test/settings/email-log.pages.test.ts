import { describe, expect, it } from 'vitest'
import { getOutboxMessage } from '../../src/db/queries/outbox'
import { testDb } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { keepingQueue, requestWith, seedEmails } from '../helpers/emails'

const subjects = (html: string) => [...html.matchAll(/<td>(Email \d+)<\/td>/g)].map((m) => m[1])
const nextLink = (html: string) => /<a href="([^"]+)"[^>]*rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null

describe('/settings/emails', () => {
  it("lists the workspace's emails newest first, 50 a page, and never another workspace's", async () => {
    const admin = await signUp()
    const other = await signUp()
    const { workspace } = await me(admin)
    const { domain } = await seedEmails(workspace.id, 55)
    const theirs = await seedEmails((await me(other)).workspace.id, 1, { domain })

    const first = await admin.get(`/settings/emails?to=person&status=`)
    expect(first.status).toBe(200)
    const html = await first.text()
    expect(html).toContain('<h1>Email log</h1>')
    expect(subjects(html)).toEqual(Array.from({ length: 50 }, (_, i) => `Email ${54 - i}`))
    expect(html).not.toContain(theirs.ids[0])

    const next = nextLink(html)
    expect(next).toContain('cursor=')
    expect(next).toContain('to=person')
    const second = await (await admin.get(next ?? '')).text()
    expect(subjects(second)).toEqual(['Email 4', 'Email 3', 'Email 2', 'Email 1', 'Email 0'])
    expect(nextLink(second)).toBeNull()
  })

  it('filters by status and by address, exact or by its start', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const failed = await seedEmails(tenantId, 2, { status: 'failed', lastError: 'resend answered 422: bad address' })
    await seedEmails(tenantId, 3, { status: 'sent', domain: failed.domain })

    const onlyFailed = await (await admin.get('/settings/emails?status=failed&to=person')).text()
    expect(onlyFailed).toContain('2 emails')
    const failedOnly = await (await admin.get('/settings/emails?status=failed')).text()
    expect(subjects(failedOnly)).toEqual(['Email 1', 'Email 0'])
    expect(failedOnly).toContain('resend answered 422: bad address')
    expect(failedOnly.match(/>\s*Retry\s*</g)).toHaveLength(2)

    const exact = await (await admin.get(`/settings/emails?to=${encodeURIComponent(`person01@${failed.domain}`)}`)).text()
    expect(exact).toContain('2 emails')
    const prefix = await (await admin.get('/settings/emails?to=PERSON0')).text()
    expect(prefix).toContain('5 emails')
    // LIKE wildcards in the filter are literal characters.
    expect(await (await admin.get('/settings/emails?to=%25')).text()).toContain('0 emails')

    const fragment = await admin.get('/settings/emails?status=sent', { 'HX-Request': 'true' })
    expect(fragment.headers.get('Vary')).toContain('HX-Request')
    const part = await fragment.text()
    expect(part.startsWith('<section id="record-list"')).toBe(true)
    expect(subjects(part)).toHaveLength(3)
    expect((await admin.get('/settings/emails?status=lost')).status).toBe(422)
  })

  it('retries a failed email: back to queued, and a send-email job is enqueued', async () => {
    const admin = await signUp()
    const { ids } = await seedEmails((await me(admin)).workspace.id, 1, { status: 'failed', lastError: 'resend answered 422' })
    const id = ids[0] ?? ''
    const queue = keepingQueue()
    const res = await requestWith({ JOBS: queue.jobs }, admin, `/settings/emails/${id}/retry`, { method: 'POST', form: {} })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/settings/emails')
    const row = await getOutboxMessage(testDb(), id)
    expect(row).toMatchObject({ status: 'queued' })
    expect(queue.sent).toEqual([{ type: 'send-email', key: row?.idempotencyKey, outboxId: id }])

    // A second click finds it queued: nothing is enqueued again, and the list is shown.
    const again = await requestWith({ JOBS: queue.jobs }, admin, `/settings/emails/${id}/retry`, { method: 'POST', form: {} })
    expect(again.status).toBe(303)
    expect(queue.sent).toHaveLength(1)
  })

  it("is admin-only, and another workspace's email cannot be retried", async () => {
    const admin = await signUp()
    const manager = await addMember(admin, 'manager')
    expect((await manager.get('/settings/emails')).status).toBe(403)
    const { ids } = await seedEmails((await me(admin)).workspace.id, 1, { status: 'failed' })
    expect((await manager.post(`/settings/emails/${ids[0]}/retry`, {})).status).toBe(403)

    const outsider = await signUp()
    const queue = keepingQueue()
    const res = await requestWith({ JOBS: queue.jobs }, outsider, `/settings/emails/${ids[0]}/retry`, { method: 'POST', form: {} })
    expect(res.status).toBe(404)
    expect(queue.sent).toEqual([])
    expect(await getOutboxMessage(testDb(), ids[0] ?? '')).toMatchObject({ status: 'failed' })
    expect((await outsider.post('/settings/emails/not-a-uuid/retry', {})).status).toBe(404)
  })
})
