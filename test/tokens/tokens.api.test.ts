import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { apiTokens } from '../../src/db/schema'
import { sha256Hex } from '../../src/lib/auth/tokens'
import { request, testDb } from '../helpers/app'
import { addMember, createToken, me, signUp, withToken } from '../helpers/auth'

const db = testDb()

type Problem = { type: string; title: string; status: number; detail: string; errors?: { path: string; message: string }[] }

async function expectProblem(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = (await res.json()) as Problem
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) })
  return body
}

async function expectUnauthorized(res: Response) {
  await expectProblem(res, 401)
  expect(res.headers.get('www-authenticate')).toBe('Bearer')
}

// The secret shown on the settings page, read from its readonly input.
const revealed = (html: string) => /value="(crm_[^"]+)"/.exec(/<input[^>]*aria-label="New API token"[^>]*>/.exec(html)?.[0] ?? '')?.[1]

describe('POST /api/v1/tokens', () => {
  it('creates a token from a session that then acts as its user, with their role, in that workspace', async () => {
    const admin = await signUp({ workspace: 'Token Works' })
    const rep = await addMember(admin, 'rep', 'Tess Token')
    const res = await rep.json('POST', '/api/v1/tokens', { name: 'Zapier' })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string; name: string; token: string }
    // Without scopes or an expiry, a token can read and write (within the role) until revoked.
    expect(created).toEqual({ id: expect.any(String), name: 'Zapier', scopes: ['read', 'write'], expiresAt: null, token: expect.stringMatching(/^crm_[A-Za-z0-9_-]{43}$/) })

    const who = await withToken(created.token, '/api/v1/me')
    expect(who.status).toBe(200)
    const session = await me(rep)
    expect(session).not.toHaveProperty('token')
    const token = { id: created.id, name: 'Zapier', scopes: ['read', 'write'], expiresAt: null }
    expect(await who.json()).toEqual({ ...session, name: 'Tess Token', role: 'rep', workspace: { ...session.workspace, name: 'Token Works' }, token })
  })

  it('stores only the SHA-256 of the token', async () => {
    const user = await signUp()
    const { id, token } = await createToken(user)
    const rows = await db.select().from(apiTokens).where(eq(apiTokens.id, id))
    expect(rows).toHaveLength(1)
    expect(rows[0]?.tokenHash).toBe(await sha256Hex(token))
    const all = await db.select().from(apiTokens)
    expect(all.some((row) => Object.values(row).some((v) => typeof v === 'string' && v.includes(token)))).toBe(false)
  })

  it('cannot be called with a bearer token (403): tokens do not mint tokens', async () => {
    const { token } = await createToken(await signUp())
    const res = await withToken(token, '/api/v1/tokens', { method: 'POST', body: { name: 'Child' } })
    await expectProblem(res, 403)
    const listed = (await (await withToken(token, '/api/v1/tokens')).json()) as { data: unknown[] }
    expect(listed.data).toHaveLength(1)
  })

  it('rejects unknown fields by name (422), so tenantId cannot be mass-assigned', async () => {
    const user = await signUp()
    const body = await expectProblem(await user.json('POST', '/api/v1/tokens', { name: 'Sneaky', tenantId: crypto.randomUUID() }), 422)
    expect(body.errors).toEqual([{ path: 'tenantId', message: expect.any(String) }])
    const missing = await expectProblem(await user.json('POST', '/api/v1/tokens', {}), 422)
    expect(missing.errors?.map((e) => e.path)).toEqual(['name'])
    await expectProblem(await user.json('POST', '/api/v1/tokens', { name: '   ' }), 422)
    expect((await (await user.json('GET', '/api/v1/tokens')).json()) as { data: unknown[] }).toEqual({ data: [] })
  })

  it('refuses a body that is not JSON (415)', async () => {
    const user = await signUp()
    await expectProblem(await user.json('POST', '/api/v1/tokens', { name: 'Form' }, { 'Content-Type': 'application/x-www-form-urlencoded' }), 415)
  })
})

describe('GET /api/v1/tokens and DELETE /api/v1/tokens/:id', () => {
  it('lists your tokens without their secrets, and a revoked token gets 401 from then on', async () => {
    const user = await signUp()
    const { id, token } = await createToken(user, 'Nightly export')
    const list = await user.json('GET', '/api/v1/tokens')
    expect(list.status).toBe(200)
    const text = await list.text()
    expect(text).not.toContain(token)
    const owner = await me(user)
    expect(JSON.parse(text)).toEqual({
      data: [{ id, name: 'Nightly export', tokenPrefix: token.slice(0, 10), scopes: ['read', 'write'], owner: { id: owner.userId, name: owner.name, email: owner.email }, createdAt: expect.any(String), lastUsedAt: null, expiresAt: null }],
    })

    const revoked = await user.json('DELETE', `/api/v1/tokens/${id}`)
    expect(revoked.status).toBe(204)
    await expectUnauthorized(await withToken(token, '/api/v1/me'))
    expect((await (await user.json('GET', '/api/v1/tokens')).json()) as unknown).toEqual({ data: [] })
    await expectProblem(await user.json('DELETE', `/api/v1/tokens/${id}`), 404)
  })

  it('lets a token revoke itself', async () => {
    const { id, token } = await createToken(await signUp())
    expect((await withToken(token, `/api/v1/tokens/${id}`, { method: 'DELETE' })).status).toBe(204)
    await expectUnauthorized(await withToken(token, '/api/v1/me'))
  })
})

describe('bearer authentication', () => {
  it.each([
    ['an unknown token', 'Bearer crm_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['an empty bearer', 'Bearer '],
    ['two words', 'Bearer crm_a crm_b'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('answers 401 problem+json with WWW-Authenticate for %s', async (_label, header) => {
    await expectUnauthorized(await request('/api/v1/me', { headers: { Authorization: header } }))
  })

  it('answers 401 with no credentials at all', async () => {
    await expectUnauthorized(await request('/api/v1/tokens'))
  })
})

describe('/settings/tokens', () => {
  it('creates a token, shows it once without caching, and never again', async () => {
    const user = await signUp()
    const res = await user.post('/settings/tokens', { name: 'CLI' })
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const token = revealed(await res.text())
    expect(token).toMatch(/^crm_/)
    expect((await withToken(token ?? '', '/api/v1/me')).status).toBe(200)

    const reload = await user.get('/settings/tokens')
    expect(reload.status).toBe(200)
    const html = await reload.text()
    expect(html).toContain('CLI')
    expect(html).toContain(`${token?.slice(0, 10)}…`)
    expect(html).not.toContain(token ?? 'no token')
  })

  it('re-renders with 422 and the error when the name is empty', async () => {
    const user = await signUp()
    const res = await user.post('/settings/tokens', { name: '' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Enter a token name.')
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, (await me(user)).userId))).toEqual([])
  })

  it('revokes a token from the page', async () => {
    const user = await signUp()
    const { id, token } = await createToken(user, 'Old integration')
    expect(await (await user.get('/settings/tokens')).text()).toContain(`/settings/tokens/${id}/revoke`)
    const res = await user.post(`/settings/tokens/${id}/revoke`, {})
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/settings/tokens')
    await expectUnauthorized(await withToken(token, '/api/v1/me'))
    expect(await (await user.get('/settings/tokens')).text()).not.toContain('Old integration')
  })
})

describe('GET /api/v1/openapi.json', () => {
  it('documents the token routes', async () => {
    const res = await request('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId?: string }>> }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/tokens']?.post?.operationId).toBe('createToken')
    expect(doc.paths['/tokens']?.get?.operationId).toBe('listTokens')
    expect(doc.paths['/tokens/{id}']?.delete?.operationId).toBe('revokeToken')
    expect(doc.paths['/me']?.get?.operationId).toBe('getMe')
  })
})
