import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { invitations, memberships, outbox, users } from '../../src/db/schema'
import { request, testDb } from '../helpers/app'
import { PASSWORD, addMember, browserFor, createToken, formPost, linkFromEmail, logIn, me, sessionCookieFrom, signUp, uniqueEmail, withToken, type Browser } from '../helpers/auth'

const db = testDb()
// Our own client address, so sign-ins here never share a rate-limit bucket with other files.
const IP = { 'CF-Connecting-IP': '198.51.100.21' }

async function invite(admin: Browser, role: string, email = uniqueEmail('invitee')) {
  const res = await admin.post('/settings/users/invitations', { email, role })
  expect(res.status).toBe(303)
  return { email, link: await linkFromEmail(email, '/invitations/') }
}

const membershipOf = async (tenantId: string, userId: string) => (await db.select().from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId))))[0]
const membershipsOf = (userId: string) => db.select().from(memberships).where(eq(memberships.userId, userId))
const adminsOf = async (tenantId: string) => (await db.select().from(memberships).where(eq(memberships.tenantId, tenantId))).filter((m) => m.role === 'admin' && !m.deactivatedAt)
const rowOf = (html: string, userId: string) => new RegExp(`<tr data-user-id="${userId}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''
const setRole = (b: Browser, userId: string, role: string) => b.post(`/settings/users/${userId}/role`, { role })

describe('GET /settings/users', () => {
  it("shows each member with their role and last sign-in", async () => {
    const admin = await signUp({ name: 'Ada Admin' })
    const rep = await addMember(admin, 'rep', 'Rita Rep')
    const manager = await addMember(admin, 'manager', 'Mo Manager')
    await logIn(rep.email, PASSWORD, IP)
    const [self, repMe, managerMe] = await Promise.all([me(admin), me(rep), me(manager)])

    const res = await admin.get('/settings/users')
    expect(res.status).toBe(200)
    const html = await res.text()
    const repRow = rowOf(html, repMe.userId)
    expect(repRow).toContain('Rita Rep')
    expect(repRow).toContain(rep.email)
    expect(repRow).toMatch(/<option value="rep" selected/)
    const repLogin = (await membershipOf(self.workspace.id, repMe.userId))?.lastLoginAt
    expect(repLogin).toBeInstanceOf(Date)
    expect(repRow).toContain(`datetime="${repLogin?.toISOString()}"`)
    const managerRow = rowOf(html, managerMe.userId)
    expect(managerRow).toMatch(/<option value="manager" selected/)
    const managerLogin = (await membershipOf(self.workspace.id, managerMe.userId))?.lastLoginAt
    expect(managerRow).toContain(managerLogin ? `datetime="${managerLogin.toISOString()}"` : 'Never')
    expect(rowOf(html, self.userId)).toContain('Ada Admin (you)')
  })
})

describe('invitations', () => {
  it('emails an /invitations/ link; a new person joins with a name and password, signed in with that role', async () => {
    const admin = await signUp({ workspace: 'Acme Invites' })
    const email = uniqueEmail('newcomer')
    const sent = await admin.post('/settings/users/invitations', { email, role: 'manager' })
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe(`/settings/users?sent=${encodeURIComponent(email)}`)
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, email))
    expect(mail?.subject).toContain('Acme Invites')
    expect(mail?.text).toMatch(/http:\/\/localhost\/invitations\/[A-Za-z0-9_-]{43}/)
    const link = await linkFromEmail(email, '/invitations/')

    const form = await request(link)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('Join Acme Invites')
    expect((await formPost(link, { name: '', password: PASSWORD })).status).toBe(422)

    const accepted = await formPost(link, { name: 'Nadia New', password: PASSWORD })
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('location')).toBe('/')
    const newcomer = browserFor(sessionCookieFrom(accepted), email)
    expect(await me(newcomer)).toMatchObject({ name: 'Nadia New', email, role: 'manager', workspace: { id: (await me(admin)).workspace.id, name: 'Acme Invites' } })
    expect((await newcomer.get('/')).status).toBe(200)
    await expect(logIn(email, PASSWORD, IP)).resolves.toMatchObject({ email })
  })

  it('works once: a second use shows the 404 page and adds no second membership', async () => {
    const admin = await signUp()
    const { email, link } = await invite(admin, 'rep')
    expect((await formPost(link, { name: 'First', password: PASSWORD })).status).toBe(303)
    const again = await formPost(link, { name: 'Second', password: PASSWORD })
    expect(again.status).toBe(404)
    expect(await again.text()).toContain('This invitation no longer works')
    expect((await request(link)).status).toBe(404)
    const people = await db.select().from(users).where(eq(users.email, email))
    expect(people.map((p) => p.name)).toEqual(['First'])
    expect(await membershipsOf(people[0]?.id ?? '')).toHaveLength(1)
  })

  it('expires: a link past its expiry is a 404 and creates nobody', async () => {
    const admin = await signUp()
    const { email, link } = await invite(admin, 'rep')
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, email))
    expect((await request(link)).status).toBe(404)
    expect((await formPost(link, { name: 'Late', password: PASSWORD })).status).toBe(404)
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([])
  })

  it('can be revoked while pending, which kills its link', async () => {
    const admin = await signUp()
    const { email, link } = await invite(admin, 'support')
    const [row] = await db.select().from(invitations).where(eq(invitations.email, email))
    expect(await (await admin.get('/settings/users')).text()).toContain(`/settings/users/invitations/${row?.id}/revoke`)
    expect((await admin.post(`/settings/users/invitations/${row?.id}/revoke`, {})).status).toBe(303)
    expect((await request(link)).status).toBe(404)
    expect((await formPost(link, { name: 'Too Late', password: PASSWORD })).status).toBe(404)
    expect((await admin.post(`/settings/users/invitations/${row?.id}/revoke`, {})).status).toBe(404)
    expect(await (await admin.get('/settings/users')).text()).not.toContain(email)
  })

  it('refuses to invite someone who is already a member (422, value kept, nothing sent)', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const res = await admin.post('/settings/users/invitations', { email: rep.email.toUpperCase(), role: 'manager' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('already a member of this workspace')
    expect(html).toContain(`value="${rep.email.toUpperCase()}"`)
    expect(await db.select().from(invitations).where(eq(invitations.email, rep.email))).toHaveLength(1)
  })
})

describe('an invitation for an existing account', () => {
  it('asks a signed-out visitor to sign in as the invited email, and refuses anyone else (403)', async () => {
    const admin = await signUp({ workspace: 'Hosting Co' })
    const existing = await signUp({ workspace: 'Home Base' })
    const { link } = await invite(admin, 'support', existing.email)
    const page = await request(link)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(`Sign in as ${existing.email} to accept`)
    expect((await formPost(link, {})).status).toBe(403)
    expect((await admin.post(link, {})).status).toBe(403)
    expect(await membershipsOf((await me(existing)).userId)).toHaveLength(1)
    // Signing in from that page comes back to the link, which now offers to join.
    const signedIn = await formPost('/login', { email: existing.email, password: PASSWORD, next: link }, IP)
    expect(signedIn.headers.get('location')).toBe(link)
    expect(await (await browserFor(sessionCookieFrom(signedIn), existing.email).get(link)).text()).toContain('>Join Hosting Co</button>')
  })

  it('joins when signed in as that email, switching the session: they now belong to two workspaces', async () => {
    const admin = await signUp({ workspace: 'Hosting Co' })
    const existing = await signUp({ workspace: 'Home Base' })
    const home = await me(existing)
    const { link } = await invite(admin, 'support', existing.email)
    const res = await existing.post(link, {})
    expect(res.status).toBe(303)
    expect(await me(existing)).toMatchObject({ userId: home.userId, role: 'support', workspace: { id: (await me(admin)).workspace.id, name: 'Hosting Co' } })
    expect((await membershipsOf(home.userId)).map((m) => m.role).sort()).toEqual(['admin', 'support'])
    const list = await (await existing.get('/workspaces')).text()
    expect(list).toContain('Hosting Co')
    expect(list).toContain('Home Base')
    expect((await existing.post(link, {})).status).toBe(404)
  })

  it('cannot undo a deactivation or change a role: a leftover second link leaves the membership alone', async () => {
    const admin = await signUp({ workspace: 'Strict Co' })
    const { email, link: first } = await invite(admin, 'rep')
    const { link: second } = await invite(admin, 'admin', email) // sent again before the first was used
    const person = browserFor(sessionCookieFrom(await formPost(first, { name: 'Stale Sam', password: PASSWORD })), email)
    const { userId, workspace } = await me(person)
    await person.post('/workspaces', { workspace: 'Sam Solo' }) // so they can still sign in after…
    expect((await admin.post(`/settings/users/${userId}/deactivate`, {})).status).toBe(303) // …this
    await person.post(second, {})
    expect(await membershipOf(workspace.id, userId)).toMatchObject({ role: 'rep', deactivatedAt: expect.any(Date) })
    expect(await me(person)).toMatchObject({ role: 'admin', workspace: { name: 'Sam Solo' } })
    expect((await person.post('/workspaces/switch', { tenantId: workspace.id })).status).toBe(404)
  })
})

describe('managing members', () => {
  it("changes a member's role, effective on their next request", async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const { userId } = await me(rep)
    expect((await setRole(admin, userId, 'manager')).status).toBe(303)
    expect((await me(rep)).role).toBe('manager')
    expect((await setRole(admin, userId, 'owner')).status).toBe(422)
    expect((await me(rep)).role).toBe('manager')
  })

  it("deactivating ends that person's sessions and API tokens there; reactivating lets them sign in again", async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const { userId, workspace } = await me(rep)
    const { token } = await createToken(rep)
    expect((await withToken(token, '/api/v1/me')).status).toBe(200)

    expect((await admin.post(`/settings/users/${userId}/deactivate`, {})).status).toBe(303)
    const home = await rep.get('/')
    expect(home.status).toBe(303)
    expect(home.headers.get('location')).toMatch(/^\/login/)
    expect((await withToken(token, '/api/v1/me')).status).toBe(401)
    expect((await formPost('/login', { email: rep.email, password: PASSWORD }, IP)).status).toBe(401)
    expect(rowOf(await (await admin.get('/settings/users')).text(), userId)).toContain(`/settings/users/${userId}/reactivate`)

    expect((await admin.post(`/settings/users/${userId}/reactivate`, {})).status).toBe(303)
    expect((await rep.get('/')).status).toBe(303) // the old session stays ended
    expect((await withToken(token, '/api/v1/me')).status).toBe(401) // and so does the old token
    const again = await logIn(rep.email, PASSWORD, IP)
    expect(await me(again)).toMatchObject({ userId, role: 'rep', workspace: { id: workspace.id } })
  })

  it('never removes the last active admin (409, nothing changed)', async () => {
    const admin = await signUp()
    const other = await addMember(admin, 'admin')
    const [self, second] = await Promise.all([me(admin), me(other)])
    expect((await admin.post(`/settings/users/${second.userId}/deactivate`, {})).status).toBe(303)
    // The other admin is deactivated, so this one is the last active admin.
    expect((await setRole(admin, self.userId, 'manager')).status).toBe(409)
    expect((await admin.post(`/settings/users/${self.userId}/deactivate`, {})).status).toBe(409)
    expect(await me(admin)).toMatchObject({ role: 'admin' })
    expect(await membershipOf(self.workspace.id, self.userId)).toMatchObject({ role: 'admin', deactivatedAt: null })
    expect((await adminsOf(self.workspace.id)).map((m) => m.userId)).toEqual([self.userId])
  })

  it('keeps at least one admin when two admins demote each other at the same time', async () => {
    for (let round = 0; round < 4; round++) {
      const first = await signUp()
      const second = await addMember(first, 'admin')
      const [a, b] = await Promise.all([me(first), me(second)])
      const results = await Promise.all([setRole(first, b.userId, 'rep'), setRole(second, a.userId, 'rep')])
      const statuses = results.map((r) => r.status).sort()
      // One wins; the other is refused as the last admin (409), or was already demoted (403).
      expect(statuses[0]).toBe(303)
      expect([403, 409]).toContain(statuses[1])
      expect(await adminsOf(a.workspace.id)).toHaveLength(1)
    }
  })

  it('answers 404 for unknown, malformed and other-workspace user ids, changing nothing', async () => {
    const admin = await signUp()
    const outsider = await signUp()
    const them = await me(outsider)
    for (const id of [crypto.randomUUID(), 'not-a-uuid', them.userId]) {
      expect((await setRole(admin, id, 'rep')).status).toBe(404)
      expect((await admin.post(`/settings/users/${id}/deactivate`, {})).status).toBe(404)
      expect((await admin.post(`/settings/users/${id}/reactivate`, {})).status).toBe(404)
    }
    expect(await me(outsider)).toMatchObject({ role: 'admin', workspace: { id: them.workspace.id } })
  })
})
