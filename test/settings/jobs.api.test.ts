import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { addMember, createToken, withToken } from '../helpers/auth'
import { requestWith } from '../helpers/emails'
import { capturingQueue } from '../helpers/jobs'
import { api } from '../helpers/records'
import { deadReminder } from '../jobs/dead-job-fixtures'
import { workspace } from '../jobs/reminder-fixtures'

describe('/api/v1/jobs/dead', () => {
  it('lists, retries and discards dead jobs of this workspace only', async () => {
    const ws = await workspace()
    const [a, b] = [await deadReminder(ws), await deadReminder(ws)]
    const other = await workspace()
    const theirs = await deadReminder(other)

    const list = await api<{ data: { type: string; key: string; payload: unknown; lastError: string; attempts: number; deadAt: string }[]; nextCursor: string | null }>(ws.admin, 'GET', '/jobs/dead')
    expect(list.status).toBe(200)
    expect(list.body.data.map((j) => j.key)).toEqual([b.key, a.key])
    expect(list.body.data[0]).toMatchObject({ type: 'task-reminder', payload: b, lastError: 'queue unavailable', attempts: 6, deadAt: expect.stringMatching(/Z$/) })
    expect(list.body.nextCursor).toBeNull()
    // The same list for an admin's API token.
    const viaToken = await withToken((await createToken(ws.admin)).token, '/api/v1/jobs/dead')
    expect(((await viaToken.json()) as { data: { key: string }[] }).data.map((j) => j.key)).toEqual([b.key, a.key])

    const queue = capturingQueue()
    const post = (who: typeof ws.admin, action: string, json: unknown) => requestWith({ JOBS: queue.jobs }, who, `/api/v1/jobs/dead/${action}`, { method: 'POST', json })
    expect((await post(ws.admin, 'retry', { type: theirs.type, key: theirs.key })).status).toBe(404)
    expect((await post(ws.admin, 'discard', { type: theirs.type, key: theirs.key })).status).toBe(404)
    expect((await post(ws.admin, 'retry', { type: a.type })).status).toBe(422)
    expect((await post(await addMember(ws.admin, 'rep'), 'retry', { type: a.type, key: a.key })).status).toBe(403)
    expect(queue.sent).toEqual([])

    expect((await post(ws.admin, 'retry', { type: a.type, key: a.key })).status).toBe(202)
    expect(queue.sent).toEqual([a])
    expect((await post(ws.admin, 'discard', { type: b.type, key: b.key })).status).toBe(204)
    expect((await api<{ data: unknown[] }>(ws.admin, 'GET', '/jobs/dead')).body.data).toEqual([])
    expect((await api(ws.admin, 'GET', '/jobs/dead?limit=201')).status).toBe(422)
  })

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId?: string }>> }
    expect(doc.paths['/jobs/dead']?.get?.operationId).toBe('listDeadJobs')
    expect(doc.paths['/jobs/dead/retry']?.post?.operationId).toBe('retryDeadJob')
    expect(doc.paths['/jobs/dead/discard']?.post?.operationId).toBe('discardDeadJob')
  })
})
