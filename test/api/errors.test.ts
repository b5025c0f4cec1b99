import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { encodeCursor, useCursorSecret } from '../../src/lib/cursor'
import { linkSecret } from '../../src/lib/signed-links'
import { request, testEnv } from '../helpers/app'
import { addMember, ORIGIN, signUp, type Browser } from '../helpers/auth'
import { api, created, type Problem } from '../helpers/records'

type FullProblem = Problem & { type: string; title: string; requestId: string }

// Every error under /api/v1 has one shape: problem+json whose status matches the response's,
// with the request id a support question can quote.
async function problemOf(res: Response, status: number): Promise<FullProblem> {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = (await res.json()) as FullProblem
  expect(body).toMatchObject({ type: 'about:blank', title: expect.any(String), status, detail: expect.any(String), requestId: res.headers.get('x-request-id') })
  return body
}

const raw = (who: Browser | null, method: string, path: string, body: string | undefined, type = 'application/json') =>
  request(path, { method, body, headers: { ...(who ? { Cookie: who.cookie } : {}), Origin: ORIGIN, ...(body === undefined ? {} : { 'Content-Type': type }) } })

describe('API errors', () => {
  it('400 for a body that is not JSON, whatever the route', async () => {
    const admin = await signUp()
    const task = await created<{ id: string }>(admin, '/tasks', { title: 'Call' })
    for (const path of ['/api/v1/accounts', `/api/v1/tasks/${task.id}/complete`]) {
      expect((await problemOf(await raw(admin, 'POST', path, '{"name": "Acme",'), 400)).detail).toBe('Malformed JSON in request body')
    }
  })

  it('401 without a token or session, with WWW-Authenticate', async () => {
    const res = await raw(null, 'GET', '/api/v1/contacts', undefined)
    await problemOf(res, 401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    await problemOf(await request('/api/v1/contacts', { headers: { Authorization: 'Bearer not-a-token' } }), 401)
  })

  it("403 when the role does not allow it, 404 for another workspace's id or one that is no id at all", async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    await problemOf(await rep.json('POST', '/api/v1/webhooks', { url: 'https://example.com/hook', events: ['lead.created'] }), 403)

    const theirs = await created<{ id: string }>(await signUp(), '/contacts', { firstName: 'Theirs' })
    await problemOf(await admin.get(`/api/v1/contacts/${theirs.id}`), 404)
    await problemOf(await admin.json('PATCH', `/api/v1/contacts/${theirs.id}`, { firstName: 'Mine now' }), 404)
    await problemOf(await admin.get('/api/v1/contacts/not-a-uuid'), 404)
    await problemOf(await admin.get('/api/v1/no-such-collection'), 404)
  })

  it('409 when the state does not allow the change', async () => {
    const admin = await signUp()
    await addMember(admin, 'rep')
    const emails = await api<{ data: { id: string }[] }>(admin, 'GET', '/emails')
    const sent = emails.body.data[0]
    if (!sent) throw new Error('the invitation wrote no email')
    expect((await problemOf(await admin.json('POST', `/api/v1/emails/${sent.id}/retry`), 409)).detail).toContain('Only a failed email')
  })

  it('413 for a body over 1 MB, 415 for one that is not JSON', async () => {
    const admin = await signUp()
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) })
    expect((await problemOf(await raw(admin, 'POST', '/api/v1/accounts', big), 413)).detail).toBe('The body is larger than 1 MB.')
    await problemOf(await raw(admin, 'POST', '/api/v1/accounts', 'name=Acme', 'application/x-www-form-urlencoded'), 415)
  })

  it('422 naming every invalid or unknown field, also on routes that take no body', async () => {
    const admin = await signUp()
    const res = await admin.json('POST', '/api/v1/accounts', { name: '', tenantId: crypto.randomUUID(), colour: 'red' })
    const problem = await problemOf(res, 422)
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['colour', 'name', 'tenantId'])
    for (const e of problem.errors ?? []) expect(e.message).toEqual(expect.any(String))

    const task = await created<{ id: string }>(admin, '/tasks', { title: 'Call' })
    const extra = await problemOf(await admin.json('POST', `/api/v1/tasks/${task.id}/complete`, { completedAt: '2020-01-01' }), 422)
    expect(extra.errors).toEqual([{ path: 'completedAt', message: 'completedAt is not a field you can set.' }])
    // An empty object is no body at all.
    expect((await admin.json('POST', `/api/v1/tasks/${task.id}/reopen`, {})).status).toBe(200)
  })

  it('500 with a request id and nothing internal', async () => {
    const admin = await signUp()
    const app = createApp()
    app.get('/api/v1/test-boom', () => {
      throw new Error('secret internals at handler.ts:42')
    })
    const res = await app.request('/api/v1/test-boom', { headers: { Cookie: admin.cookie } }, testEnv)
    const problem = await problemOf(res, 500)
    expect(problem.detail).toContain(problem.requestId)
    expect(JSON.stringify(problem)).not.toMatch(/secret internals|handler\.ts/)
  })
})

describe('API list cursors', () => {
  it('refuse an altered cursor, or one signed with another key, with 400', async () => {
    const admin = await signUp()
    for (const name of ['A', 'B', 'C']) await created(admin, '/accounts', { name })
    const first = await api<{ nextCursor: string }>(admin, 'GET', '/accounts?limit=1')
    const cursor = first.body.nextCursor
    expect((await api(admin, 'GET', `/accounts?limit=1&cursor=${cursor}`)).status).toBe(200)

    // Any one character changed, in the values or in the signature.
    for (const at of [0, Math.floor(cursor.length / 2), cursor.length - 1]) {
      const altered = cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1)
      const res = await admin.get(`/api/v1/accounts?limit=1&cursor=${altered}`)
      expect((await problemOf(res, 400)).detail).toBe('The cursor is not valid; start again from the first page.')
    }
    // A well-formed cursor made with another deployment's key: the values alone are no cursor.
    useCursorSecret('another-deployment-secret-0123456789abcdef')
    const foreign = encodeCursor(['2020-01-01T00:00:00.000Z', crypto.randomUUID()])
    useCursorSecret(linkSecret(testEnv))
    await problemOf(await admin.get(`/api/v1/accounts?limit=1&cursor=${foreign}`), 400)
    // The list pages share the cursors, and the check.
    expect((await admin.get(`/accounts?cursor=${foreign}`)).status).toBe(400)
  })
})
