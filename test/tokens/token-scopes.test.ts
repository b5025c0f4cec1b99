import { describe, expect, it } from 'vitest'
import { moduleOf, missingScope } from '../../src/domain/access/scopes'
import { request } from '../helpers/app'
import { addMember, createToken, signUp, withToken } from '../helpers/auth'
import { created } from '../helpers/records'

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] }

// 403 problem+json naming the scope the token lacks (and the API-wide one that would also do).
async function refused(res: Response, scope: string) {
  expect(res.status).toBe(403)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const wider = scope.includes(':') ? ` (or \`${scope.split(':')[1]}\`)` : ''
  expect(((await res.json()) as Problem).detail).toBe(`This token lacks the \`${scope}\` scope${wider}.`)
}

describe('a read-only token', () => {
  it('reads, but every write is refused naming the write scope, and nothing changes', async () => {
    const admin = await signUp()
    const lead = await created(admin, '/leads', { lastName: 'Untouched' })
    const { token } = await createToken(admin, 'Reporting', { scopes: ['read'] })

    const list = await withToken(token, '/api/v1/leads')
    expect(list.status).toBe(200)
    expect(((await list.json()) as { data: { id: string }[] }).data.map((l) => l.id)).toEqual([lead.id])

    await refused(await withToken(token, '/api/v1/leads', { method: 'POST', body: { lastName: 'Sneaky' } }), 'leads:write')
    await refused(await withToken(token, `/api/v1/leads/${lead.id}`, { method: 'PATCH', body: { lastName: 'Renamed' } }), 'leads:write')
    await refused(await withToken(token, `/api/v1/leads/${lead.id}`, { method: 'DELETE' }), 'leads:write')

    const after = await withToken(token, `/api/v1/leads/${lead.id}`)
    expect(await after.json()).toMatchObject({ id: lead.id, lastName: 'Untouched', archivedAt: null })
    expect(((await (await withToken(token, '/api/v1/leads')).json()) as { data: unknown[] }).data).toHaveLength(1)
  })
})

describe('a module-scoped token', () => {
  it('with leads:write writes and reads leads, but neither reads nor writes contacts', async () => {
    const admin = await signUp()
    const { token } = await createToken(admin, 'Lead sync', { scopes: ['leads:write'] })

    const made = await withToken(token, '/api/v1/leads', { method: 'POST', body: { lastName: 'From the sync' } })
    expect(made.status).toBe(201)
    const { id } = (await made.json()) as { id: string }
    expect((await withToken(token, `/api/v1/leads/${id}`, { method: 'PATCH', body: { firstName: 'Ada' } })).status).toBe(200)
    expect((await withToken(token, `/api/v1/leads/${id}`)).status).toBe(200)

    await refused(await withToken(token, '/api/v1/contacts', { method: 'POST', body: { firstName: 'Nope' } }), 'contacts:write')
    await refused(await withToken(token, '/api/v1/contacts'), 'contacts:read')
    expect(((await (await admin.json('GET', '/api/v1/contacts')).json()) as { data: unknown[] }).data).toEqual([])
  })

  it('reaches a route group through the module it belongs to (pipelines are opportunities)', async () => {
    const admin = await signUp()
    const { token } = await createToken(admin, 'Deals dashboard', { scopes: ['opportunities:read'] })
    expect((await withToken(token, '/api/v1/pipelines')).status).toBe(200)
    expect((await withToken(token, '/api/v1/opportunities')).status).toBe(200)
    await refused(await withToken(token, '/api/v1/scoring-rules'), 'settings:read')
  })

  it('can always read who it acts as, with its own scopes and expiry, but not change it', async () => {
    const admin = await signUp()
    const { id, token } = await createToken(admin, 'Narrow', { scopes: ['notes:read'], expiresInDays: 30 })
    const res = await withToken(token, '/api/v1/me')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: { id: string; scopes: string[]; expiresAt: string } }
    expect(body.token).toEqual({ id, name: 'Narrow', scopes: ['notes:read'], expiresAt: expect.any(String) })
    await refused(await withToken(token, '/api/v1/me', { method: 'PATCH', body: { digestEnabled: false } }), 'write')
    await refused(await withToken(token, '/api/v1/tokens'), 'tokens:read')
  })
})

describe('scopes never widen a role', () => {
  it("a rep's read-and-write token is still refused what a rep may not do", async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const { token } = await createToken(rep, 'Everything', { scopes: ['read', 'write', 'settings:write'] })
    const res = await withToken(token, '/api/v1/emails')
    expect(res.status).toBe(403)
    expect(((await res.json()) as Problem).detail).toBe('Your role does not allow this.')
  })
})

describe('choosing scopes', () => {
  it('rejects scopes that do not exist, naming the field (422), and an empty list', async () => {
    const admin = await signUp()
    const bad = await admin.json('POST', '/api/v1/tokens', { name: 'Odd', scopes: ['leads:write', 'leads:admin'] })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as Problem).errors).toEqual([{ path: 'scopes.1', message: 'Choose scopes from the list.' }])
    const empty = await admin.json('POST', '/api/v1/tokens', { name: 'Nothing', scopes: [] })
    expect(((await empty.json()) as Problem).errors).toEqual([{ path: 'scopes', message: 'Choose at least one scope.' }])
    expect(((await (await admin.json('GET', '/api/v1/tokens')).json()) as { data: unknown[] }).data).toEqual([])
  })
})

describe('the module of a route', () => {
  it.each([
    ['GET', '/api/v1/leads', [], 'leads:read'],
    ['HEAD', '/api/v1/leads/1', ['leads:write'], null],
    ['POST', '/api/v1/leads/1/convert', ['leads:read'], 'leads:write'],
    ['POST', '/api/v1/merges/1/undo', ['leads:write'], 'duplicates:write'],
    ['POST', '/api/v1/quarantine/release', ['forms:write'], null],
    ['GET', '/api/v1/routing/default-owner', ['settings:read'], null],
    ['PUT', '/api/v1/routing/default-owner', ['read', 'settings:read'], 'settings:write'],
    ['GET', '/api/v1/me', ['tasks:read'], null],
    ['PATCH', '/api/v1/me', ['tasks:write'], 'write'],
    ['GET', '/api/v1/something-new', ['leads:write'], 'read'],
    ['GET', '/api/v1/constructor', ['leads:read'], 'read'],
  ])('%s %s with %j needs %s', (method, path, scopes, missing) => {
    expect(missingScope(scopes, method, path)).toBe(missing)
  })

  // A route under a segment no module claims is open only to `read`/`write` tokens: list it in
  // src/domain/access/scopes.ts so module-scoped tokens can reach it.
  it('is known for every documented route that needs a token, but /me', async () => {
    const doc = (await (await request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> }
    const guarded = Object.entries(doc.paths).filter(([, ops]) => Object.values(ops).some((op) => op.security?.length !== 0))
    const orphans = guarded.map(([p]) => p).filter((p) => p !== '/me' && moduleOf(`/api/v1${p}`) === null)
    expect(orphans).toEqual([])
  })
})
