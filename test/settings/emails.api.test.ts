import { describe, expect, it } from 'vitest'
import { getOutboxMessage } from '../../src/db/queries/outbox'
import { request, testDb } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { keepingQueue, requestWith, seedEmails } from '../helpers/emails'
import { allPages, api } from '../helpers/records'

type EmailJson = { id: string; to: string; subject: string; status: string; attempts: number; lastError: string | null; createdAt: string; sentAt: string | null }
type Page = { data: EmailJson[]; nextCursor: string | null }

describe('/api/v1/emails', () => {
  it('lists the workspace emails newest first, filtered and paged by cursor', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const { ids, domain } = await seedEmails(tenantId, 3, { status: 'failed', lastError: 'resend answered 422: bad' })
    const sent = await seedEmails(tenantId, 2, { status: 'sent', domain })
    await seedEmails((await me(await signUp())).workspace.id, 2, { domain })

    const failed = await api<Page>(admin, 'GET', '/emails?status=failed')
    expect(failed.status).toBe(200)
    expect(failed.body.nextCursor).toBeNull()
    expect(failed.body.data.map((e) => e.id)).toEqual([...ids].reverse())
    expect(failed.body.data[0]).toEqual({ id: ids[2], to: `person02@${domain}`, subject: 'Email 2', status: 'failed', attempts: 0, lastError: 'resend answered 422: bad', createdAt: expect.stringMatching(/Z$/), sentAt: null })

    const byPrefix = await allPages(admin, '/emails?to=person0', 2)
    expect(byPrefix).toEqual([...sent.ids].reverse().concat([...ids].reverse()))
    const exact = await api<Page>(admin, 'GET', `/emails?to=${encodeURIComponent(`Person01@${domain}`)}&status=sent`)
    expect(exact.body.data.map((e) => e.id)).toEqual([sent.ids[1]])
    expect(exact.body.data[0]?.sentAt).toMatch(/Z$/)

    expect((await api(admin, 'GET', '/emails?status=lost')).status).toBe(422)
    expect((await api(admin, 'GET', '/emails?tenantId=x')).status).toBe(422)
    expect((await api(admin, 'GET', '/emails?limit=201')).status).toBe(422)
    expect((await api(admin, 'GET', '/emails?cursor=nonsense!')).status).toBe(400)
  })

  it('retries a failed email once, 404 for another workspace, 403 for non-admins', async () => {
    const admin = await signUp()
    const { ids } = await seedEmails((await me(admin)).workspace.id, 1, { status: 'failed' })
    const id = ids[0] ?? ''
    const queue = keepingQueue()

    const outsider = await signUp()
    expect((await requestWith({ JOBS: queue.jobs }, outsider, `/api/v1/emails/${id}/retry`, { method: 'POST' })).status).toBe(404)
    const manager = await addMember(admin, 'manager')
    expect((await api(manager, 'GET', '/emails')).status).toBe(403)
    expect((await requestWith({ JOBS: queue.jobs }, manager, `/api/v1/emails/${id}/retry`, { method: 'POST' })).status).toBe(403)
    expect(queue.sent).toEqual([])

    const res = await requestWith({ JOBS: queue.jobs }, admin, `/api/v1/emails/${id}/retry`, { method: 'POST' })
    expect(res.status).toBe(202)
    const row = await getOutboxMessage(testDb(), id)
    expect(row?.status).toBe('queued')
    expect(queue.sent).toEqual([{ type: 'send-email', key: row?.idempotencyKey, outboxId: id }])
    expect((await requestWith({ JOBS: queue.jobs }, admin, `/api/v1/emails/${id}/retry`, { method: 'POST' })).status).toBe(409)
    expect(queue.sent).toHaveLength(1)
  })

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string }[] }>> }
    expect(doc.paths['/emails']?.get?.operationId).toBe('listEmails')
    expect(doc.paths['/emails']?.get?.parameters?.map((p) => p.name).sort()).toEqual(['cursor', 'limit', 'status', 'to'])
    expect(doc.paths['/emails/{id}/retry']?.post?.operationId).toBe('retryEmail')
  })
})
