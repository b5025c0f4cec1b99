import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { invitations, memberships } from '../../src/db/schema'
import { request, testDb } from '../helpers/app'
import { addMember, createToken, linkFromEmail, me, signUp, uniqueEmail, withToken, type Browser, type Me } from '../helpers/auth'

// Two workspaces. B's people try every route that names one of A's records, with A's ids, and
// must get 404 with A left exactly as it was. A is built once; no row of the matrix may change it
// (each row checks that), so the rows do not depend on each other's order.
const db = testDb()

type WorkspaceA = {
  admin: Browser
  adminMe: Me
  rep: Browser
  repMe: Me
  deactivatedUserId: string // a member B might try to reactivate
  invitationId: string
  invitationLink: string
  token: { id: string; token: string } // the rep's API token
}
type WorkspaceB = { admin: Browser; adminMe: Me; token: string }

let a: WorkspaceA
let b: WorkspaceB

beforeAll(async () => {
  const admin = await signUp({ workspace: 'Workspace A' })
  const rep = await addMember(admin, 'rep', 'Rory A-Rep')
  const gone = await me(await addMember(admin, 'support', 'Gina A-Gone'))
  expect((await admin.post(`/settings/users/${gone.userId}/deactivate`, {})).status).toBe(303)
  const email = uniqueEmail('a-invitee')
  expect((await admin.post('/settings/users/invitations', { email, role: 'manager' })).status).toBe(303)
  const [invitation] = await db.select().from(invitations).where(eq(invitations.email, email))
  a = {
    admin,
    adminMe: await me(admin),
    rep,
    repMe: await me(rep),
    deactivatedUserId: gone.userId,
    invitationId: invitation?.id ?? '',
    invitationLink: await linkFromEmail(email, '/invitations/'),
    token: await createToken(rep, 'A integration'),
  }
  const bAdmin = await signUp({ workspace: 'Workspace B' })
  b = { admin: bAdmin, adminMe: await me(bAdmin), token: (await createToken(bAdmin, 'B integration')).token }
})

const membership = async (userId: string) => (await db.select().from(memberships).where(and(eq(memberships.tenantId, a.adminMe.workspace.id), eq(memberships.userId, userId))))[0]

// A is unchanged: each check reads A's state through A's own eyes or the database.
const repUnchanged = async () => {
  expect(await membership(a.repMe.userId)).toMatchObject({ role: 'rep', deactivatedAt: null })
  expect(await me(a.rep)).toMatchObject({ role: 'rep', workspace: { id: a.adminMe.workspace.id } })
}
const adminUnchanged = async () => expect(await membership(a.adminMe.userId)).toMatchObject({ role: 'admin', deactivatedAt: null })
const stillDeactivated = async () => expect((await membership(a.deactivatedUserId))?.deactivatedAt).toBeInstanceOf(Date)
const invitationOpen = async () => expect((await request(a.invitationLink)).status).toBe(200)
const tokenWorks = async () => expect(await (await withToken(a.token.token, '/api/v1/me')).json()).toMatchObject({ userId: a.repMe.userId, workspace: { id: a.adminMe.workspace.id } })
const bStaysInB = async () => expect((await me(b.admin)).workspace.id).toBe(b.adminMe.workspace.id)

// The cross-tenant matrix: each route that takes an id, which of A's ids B sends, and how we know
// A is untouched. Later modules append their routes here (contacts, accounts, leads, ...), one
// row per route that reads or changes a record by id.
type CrossTenantRoute = {
  route: string // "METHOD /path", with :id where the id goes
  of: string // whose id it is, for the test name
  id: (a: WorkspaceA) => string
  body?: (id: string) => Record<string, string> // when the id travels in the body instead
  intact: () => Promise<void>
}

const MATRIX: CrossTenantRoute[] = [
  { route: 'POST /settings/users/:id/role', of: "A's rep", id: (a) => a.repMe.userId, body: () => ({ role: 'admin' }), intact: repUnchanged },
  { route: 'POST /settings/users/:id/role', of: "A's admin", id: (a) => a.adminMe.userId, body: () => ({ role: 'support' }), intact: adminUnchanged },
  { route: 'POST /settings/users/:id/deactivate', of: "A's rep", id: (a) => a.repMe.userId, intact: repUnchanged },
  { route: 'POST /settings/users/:id/deactivate', of: "A's admin", id: (a) => a.adminMe.userId, intact: adminUnchanged },
  { route: 'POST /settings/users/:id/reactivate', of: "A's deactivated member", id: (a) => a.deactivatedUserId, intact: stillDeactivated },
  { route: 'POST /settings/users/invitations/:id/revoke', of: "A's pending invitation", id: (a) => a.invitationId, intact: invitationOpen },
  { route: 'POST /settings/tokens/:id/revoke', of: "A's rep's API token", id: (a) => a.token.id, intact: tokenWorks },
  { route: 'DELETE /api/v1/tokens/:id', of: "A's rep's API token", id: (a) => a.token.id, intact: tokenWorks },
  { route: 'POST /workspaces/switch', of: "A's tenant", id: (a) => a.adminMe.workspace.id, body: (id) => ({ tenantId: id }), intact: bStaysInB },
]

// HTML routes get a form post, /api routes JSON, as their real clients send them.
function send(browser: Browser, { route, id, body }: CrossTenantRoute): Promise<Response> {
  const [method = '', pattern = ''] = route.split(' ')
  const theId = id(a)
  const path = pattern.replace(':id', theId)
  const fields = body?.(theId) ?? {}
  if (path.startsWith('/api/')) return browser.json(method, path, method === 'GET' || method === 'DELETE' ? undefined : fields)
  return method === 'GET' ? browser.get(path) : browser.post(path, fields)
}

const label = (r: CrossTenantRoute) => `${r.route} with the id of ${r.of}`

describe("B's session cannot reach A's records", () => {
  it.each(MATRIX.map((r) => [label(r), r] as const))('%s → 404, A unchanged', async (_label, row) => {
    const res = await send(b.admin, row)
    expect(res.status).toBe(404)
    await row.intact()
  })
})

describe("B's API token cannot reach A's records", () => {
  const apiRows = MATRIX.filter((r) => r.route.split(' ')[1]?.startsWith('/api/'))
  it.each(apiRows.map((r) => [label(r), r] as const))('%s → 404 problem+json, A unchanged', async (_label, row) => {
    const [method = '', pattern = ''] = row.route.split(' ')
    const res = await withToken(b.token, pattern.replace(':id', row.id(a)), { method })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    await row.intact()
  })
})

describe('what each workspace sees', () => {
  it("B's users page lists B's people and none of A's", async () => {
    const html = await (await b.admin.get('/settings/users')).text()
    expect(html).toContain(b.admin.email)
    for (const email of [a.admin.email, a.rep.email]) expect(html).not.toContain(email)
    for (const id of [a.adminMe.userId, a.repMe.userId, a.deactivatedUserId, a.invitationId]) expect(html).not.toContain(id)
  })

  it("A's bearer token acts only in A", async () => {
    await tokenWorks()
    const listed = (await (await withToken(b.token, '/api/v1/tokens')).json()) as { data: { id: string }[] }
    expect(listed.data.map((t) => t.id)).not.toContain(a.token.id)
  })

  it("a person in both workspaces cannot use B's session on their own token in A", async () => {
    // The same user, now also a member of B: the token is still scoped by its workspace, so from
    // B it is not found, and it keeps acting in A after their session moves to B.
    const dual = await addMember(a.admin, 'manager', 'Dana Dual')
    const token = await createToken(dual, 'Dual token')
    expect((await b.admin.post('/settings/users/invitations', { email: dual.email, role: 'rep' })).status).toBe(303)
    expect((await dual.post(await linkFromEmail(dual.email, '/invitations/'), {})).status).toBe(303)
    expect((await me(dual)).workspace.id).toBe(b.adminMe.workspace.id)

    expect((await dual.json('DELETE', `/api/v1/tokens/${token.id}`)).status).toBe(404)
    expect((await dual.post(`/settings/tokens/${token.id}/revoke`, {})).status).toBe(404)
    const asToken = (await (await withToken(token.token, '/api/v1/me')).json()) as Me
    expect(asToken).toMatchObject({ role: 'manager', workspace: { id: a.adminMe.workspace.id, name: 'Workspace A' } })
  })
})
