import { describe, expect, it } from 'vitest'
import { addMember, createToken, me, signUp, withToken } from '../helpers/auth'

type Listed = { id: string; name: string; tokenPrefix: string; scopes: string[]; owner: { id: string; name: string; email: string }; createdAt: string; lastUsedAt: string | null; expiresAt: string | null }
type Problem = { status: number; detail: string }

// One workspace with an admin and a rep who each have a token, and a second workspace's admin.
async function workspace() {
  const admin = await signUp({ workspace: 'Token Office' })
  const rep = await addMember(admin, 'rep', 'Rita Rep')
  const repToken = await createToken(rep, 'Rita sync', { scopes: ['leads:write'], expiresInDays: 30 })
  const adminToken = await createToken(admin, 'Admin script')
  const outsider = await signUp({ workspace: 'Elsewhere' })
  return { admin, rep, repToken, adminToken, outsider }
}

describe('GET /api/v1/tokens?all=true', () => {
  it("shows an admin every member's tokens with owner, scopes and expiry, and never a secret", async () => {
    const { admin, rep, repToken, adminToken } = await workspace()
    const res = await admin.json('GET', '/api/v1/tokens?all=true')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain(repToken.token)
    const { data } = JSON.parse(text) as { data: Listed[] }
    const repMe = await me(rep)
    expect(data.map((t) => t.id)).toEqual([adminToken.id, repToken.id])
    expect(data[1]).toEqual({
      id: repToken.id,
      name: 'Rita sync',
      tokenPrefix: repToken.token.slice(0, 10),
      scopes: ['leads:write'],
      owner: { id: repMe.userId, name: 'Rita Rep', email: rep.email },
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: expect.any(String),
    })
    // Without all=true an admin sees their own, like everyone.
    expect(((await (await admin.json('GET', '/api/v1/tokens')).json()) as { data: Listed[] }).data.map((t) => t.id)).toEqual([adminToken.id])
  })

  it("refuses a member who is not an admin (403), who sees only their own tokens", async () => {
    const { rep, repToken } = await workspace()
    const res = await rep.json('GET', '/api/v1/tokens?all=true')
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.text()).not.toContain('Admin script')
    expect(((await (await rep.json('GET', '/api/v1/tokens')).json()) as { data: Listed[] }).data.map((t) => t.id)).toEqual([repToken.id])
  })
})

describe('DELETE /api/v1/tokens/:id by an admin', () => {
  it("revokes another member's token, which is refused from the next request on", async () => {
    const { admin, rep, repToken } = await workspace()
    expect((await withToken(repToken.token, '/api/v1/leads')).status).toBe(200)
    expect((await admin.json('DELETE', `/api/v1/tokens/${repToken.id}`)).status).toBe(204)
    expect((await withToken(repToken.token, '/api/v1/leads')).status).toBe(401)
    expect(((await (await rep.json('GET', '/api/v1/tokens')).json()) as { data: unknown[] }).data).toEqual([])
  })

  it("answers 404 for another workspace's token, which keeps working", async () => {
    const { repToken, outsider } = await workspace()
    const res = await outsider.json('DELETE', `/api/v1/tokens/${repToken.id}`)
    expect(res.status).toBe(404)
    expect(((await res.json()) as Problem).detail).toBe('No such token.')
    expect((await withToken(repToken.token, '/api/v1/leads')).status).toBe(200)
    expect(((await (await outsider.json('GET', '/api/v1/tokens?all=true')).json()) as { data: unknown[] }).data).toEqual([])
  })

  it("lets a member revoke only their own tokens (another's is 404)", async () => {
    const { rep, adminToken } = await workspace()
    expect((await rep.json('DELETE', `/api/v1/tokens/${adminToken.id}`)).status).toBe(404)
    expect((await withToken(adminToken.token, '/api/v1/me')).status).toBe(200)
  })
})

describe('/settings/tokens/all', () => {
  it("lists every member's token for an admin, who can revoke one there", async () => {
    const { admin, repToken } = await workspace()
    const personal = await (await admin.get('/settings/tokens')).text()
    expect(personal).toContain('href="/settings/tokens/all"')
    expect(personal).not.toContain('Rita sync')

    const page = await admin.get('/settings/tokens/all')
    expect(page.status).toBe(200)
    const html = await page.text()
    const row = new RegExp(`<tr data-token-id="${repToken.id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''
    for (const shown of ['Rita Rep', 'Rita sync', `${repToken.token.slice(0, 10)}…`, 'leads:write', 'Never', `/settings/tokens/all/${repToken.id}/revoke`]) expect(row).toContain(shown)
    expect(html).toContain('Admin script')
    expect(html).not.toContain(repToken.token)

    const res = await admin.post(`/settings/tokens/all/${repToken.id}/revoke`, {})
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/settings/tokens/all')
    expect((await withToken(repToken.token, '/api/v1/me')).status).toBe(401)
    expect(await (await admin.get('/settings/tokens/all')).text()).not.toContain('Rita sync')
  })

  it('is closed to members who are not admins (403), and to other workspaces (404)', async () => {
    const { rep, repToken, adminToken, outsider } = await workspace()
    expect(await (await rep.get('/settings/tokens')).text()).not.toContain('/settings/tokens/all')
    const page = await rep.get('/settings/tokens/all')
    expect(page.status).toBe(403)
    expect(await page.text()).not.toContain('Admin script')
    expect((await rep.post(`/settings/tokens/all/${adminToken.id}/revoke`, {})).status).toBe(403)
    expect((await outsider.post(`/settings/tokens/all/${repToken.id}/revoke`, {})).status).toBe(404)
    expect((await withToken(adminToken.token, '/api/v1/me')).status).toBe(200)
    expect((await withToken(repToken.token, '/api/v1/me')).status).toBe(200)
  })
})
