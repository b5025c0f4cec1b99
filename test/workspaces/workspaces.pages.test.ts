import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { memberships } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'

const db = testDb()
const membershipsOf = (userId: string) => db.select().from(memberships).where(eq(memberships.userId, userId))

// The <li> of one workspace on /workspaces.
const entryOf = (html: string, name: string) => new RegExp(`<li class="card">(?:(?!</li>)[\\s\\S])*?<strong>${name}</strong>[\\s\\S]*?</li>`).exec(html)?.[0] ?? ''

async function createWorkspace(browser: Browser, name: string) {
  const res = await browser.post('/workspaces', { workspace: name })
  expect(res.status).toBe(303)
  expect(res.headers.get('location')).toBe('/')
}

describe('POST /workspaces', () => {
  it('makes the creator its admin and switches their session to it', async () => {
    const owner = await signUp({ workspace: 'Gamma Owners' })
    const person = await addMember(owner, 'rep')
    const before = await me(person)
    await createWorkspace(person, 'Delta Own')
    const after = await me(person)
    expect(after).toMatchObject({ userId: before.userId, role: 'admin', workspace: { name: 'Delta Own' } })
    expect(after.workspace.id).not.toBe(before.workspace.id)
    expect((await membershipsOf(before.userId)).map((m) => [m.tenantId, m.role]).sort()).toEqual([[before.workspace.id, 'rep'], [after.workspace.id, 'admin']].sort())
    // Admin there: the users page of the new workspace lists only them.
    const users = await person.get('/settings/users')
    expect(users.status).toBe(200)
    expect(await users.text()).not.toContain(owner.email)
  })

  it('refuses an empty or over-long name with 422, keeping what was typed', async () => {
    const user = await signUp({ workspace: 'Only One' })
    const { userId } = await me(user)
    const empty = await user.post('/workspaces', { workspace: '   ' })
    expect(empty.status).toBe(422)
    const emptyHtml = await empty.text()
    expect(emptyHtml).toContain('Enter a workspace name.')
    expect(emptyHtml).toMatch(/name="workspace"[^>]*value="   "/)
    const long = 'L'.repeat(121)
    const tooLong = await user.post('/workspaces', { workspace: long })
    expect(tooLong.status).toBe(422)
    expect(await tooLong.text()).toContain(`value="${long}"`)
    expect(await membershipsOf(userId)).toHaveLength(1)
    expect((await me(user)).workspace.name).toBe('Only One')
  })

  it('rejects fields it does not know by name (422), e.g. a tenant id', async () => {
    const user = await signUp()
    const { userId } = await me(user)
    const res = await user.post('/workspaces', { workspace: 'Sneaky', tenantId: crypto.randomUUID() })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('tenantId is not a field you can set.')
    expect(await membershipsOf(userId)).toHaveLength(1)
  })
})

describe('GET /workspaces and POST /workspaces/switch', () => {
  it('lists every workspace with the role there, and switching changes the workspace the API acts in', async () => {
    const owner = await signUp({ workspace: 'Gamma Shared' })
    const person = await addMember(owner, 'rep')
    const gamma = (await me(person)).workspace.id
    await createWorkspace(person, 'Delta Mine')
    const delta = (await me(person)).workspace.id

    const list = await person.get('/workspaces')
    expect(list.status).toBe(200)
    const html = await list.text()
    expect(entryOf(html, 'Gamma Shared')).toContain('Sales rep')
    expect(entryOf(html, 'Gamma Shared')).toContain(`name="tenantId" value="${gamma}"`)
    expect(entryOf(html, 'Delta Mine')).toContain('Admin')
    expect(entryOf(html, 'Delta Mine')).toContain('Current')

    const toGamma = await person.post('/workspaces/switch', { tenantId: gamma })
    expect(toGamma.status).toBe(303)
    expect(await me(person)).toMatchObject({ role: 'rep', workspace: { id: gamma, name: 'Gamma Shared' } })
    expect(entryOf(await (await person.get('/workspaces')).text(), 'Gamma Shared')).toContain('Current')
    expect((await person.get('/settings/users')).status).toBe(403)

    expect((await person.post('/workspaces/switch', { tenantId: delta })).status).toBe(303)
    expect(await me(person)).toMatchObject({ role: 'admin', workspace: { id: delta, name: 'Delta Mine' } })
    expect((await person.get('/settings/users')).status).toBe(200)
  })

  it('will not switch to a workspace where you are deactivated or were never a member (404)', async () => {
    const owner = await signUp({ workspace: 'Gamma Strict' })
    const person = await addMember(owner, 'rep')
    const { userId, workspace: gamma } = await me(person)
    await createWorkspace(person, 'Delta Refuge')
    const delta = (await me(person)).workspace.id
    expect((await owner.post(`/settings/users/${userId}/deactivate`, {})).status).toBe(303)
    // Deactivation in Gamma ends only sessions that were in Gamma; this one is in Delta.
    expect((await me(person)).workspace.id).toBe(delta)
    expect((await person.post('/workspaces/switch', { tenantId: gamma.id })).status).toBe(404)
    expect((await person.post('/workspaces/switch', { tenantId: crypto.randomUUID() })).status).toBe(404)
    expect((await person.post('/workspaces/switch', { tenantId: 'not-a-uuid' })).status).toBe(422)
    expect((await me(person)).workspace.id).toBe(delta)
    expect(await (await person.get('/workspaces')).text()).not.toContain('Gamma Strict')
  })
})
