import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { activityEvents, contacts } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { fieldError, me, signUp, type Browser } from '../helpers/auth'
import { allPages, api, created, eventsOf, type Problem } from '../helpers/records'

// Workspace B names workspace A's contact and account by id, through the API and the pages: every
// attempt is a 404 (or a 422 on the linking field), and A's contact is left exactly as it was.
const db = testDb()

type Contact = { id: string; firstName: string | null; status: string; ownerId: string | null; tags: string[]; archivedAt: string | null; updatedAt: string }

let a: { admin: Browser; tenantId: string; contact: Contact; accountId: string }
let b: { admin: Browser; tenantId: string; contactId: string }

beforeAll(async () => {
  const aAdmin = await signUp({ workspace: 'Contacts A' })
  const account = await created<{ id: string }>(aAdmin, '/accounts', { name: 'A-only Industries' })
  const contact = await created<Contact>(aAdmin, '/contacts', { firstName: 'Alice', accountId: account.id, tags: ['secret'] })
  a = { admin: aAdmin, tenantId: (await me(aAdmin)).workspace.id, contact, accountId: account.id }
  const bAdmin = await signUp({ workspace: 'Contacts B' })
  b = { admin: bAdmin, tenantId: (await me(bAdmin)).workspace.id, contactId: (await created<Contact>(bAdmin, '/contacts', { firstName: 'Bob' })).id }
})

const aIntact = async () => {
  const res = await api<Contact>(a.admin, 'GET', `/contacts/${a.contact.id}`)
  expect(res.body).toEqual(a.contact)
  expect(await eventsOf(a.tenantId, a.contact.id)).toHaveLength(1)
}

describe('contacts across workspaces', () => {
  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['GET', '/timeline'],
  ])("API %s /contacts/:id%s with another workspace's id is 404", async (method, suffix) => {
    const res = await api<Problem>(b.admin, method, `/contacts/${a.contact.id}${suffix}`, method === 'PATCH' ? { firstName: 'Mallory' } : undefined)
    expect(res.status).toBe(404)
    await aIntact()
  })

  it.each(['', '/edit', '/timeline'])("page GET /contacts/:id%s with another workspace's id is 404", async (suffix) => {
    expect((await b.admin.get(`/contacts/${a.contact.id}${suffix}`)).status).toBe(404)
  })

  it.each([
    ['', { firstName: 'Mallory' }],
    ['', { firstName: '' }],
    ['/status', { status: 'churned' }],
    ['/owner', { ownerId: '' }],
    ['/archive', {}],
    ['/restore', {}],
  ])("page POST /contacts/:id%s with another workspace's id is 404", async (suffix, form) => {
    expect((await b.admin.post(`/contacts/${a.contact.id}${suffix}`, form)).status).toBe(404)
    await aIntact()
  })

  it("bulk actions skip another workspace's ids", async () => {
    const forms: Record<string, string>[] = [{ action: 'archive' }, { action: 'tag', tagName: 'pwned' }, { action: 'untag', tagName: 'secret' }, { action: 'assign', ownerId: '' }]
    for (const form of forms) {
      expect((await b.admin.post('/contacts/bulk', { ids: a.contact.id, ...form })).status).toBe(303)
    }
    await aIntact()
  })

  it("rejects another workspace's account on create and update, writing nothing", async () => {
    const before = (await db.select().from(activityEvents).where(eq(activityEvents.tenantId, b.tenantId))).length
    const res = await api<Problem>(b.admin, 'POST', '/contacts', { firstName: 'Eve', accountId: a.accountId })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ path: 'accountId', message: 'No such account in this workspace.' }])
    const page = await b.admin.post('/contacts', { firstName: 'Eve', accountId: a.accountId })
    expect(page.status).toBe(422)
    expect(fieldError(await page.text(), 'accountId')).toBe('No such account in this workspace.')
    const patch = await api<Problem>(b.admin, 'PATCH', `/contacts/${b.contactId}`, { accountId: a.accountId })
    expect(patch.body.errors?.[0]?.path).toBe('accountId')
    expect((await db.select().from(contacts).where(eq(contacts.tenantId, b.tenantId))).map((c) => c.id)).toEqual([b.contactId])
    expect((await db.select().from(activityEvents).where(eq(activityEvents.tenantId, b.tenantId))).length).toBe(before)
  })

  it("never lists or offers another workspace's records", async () => {
    expect(await allPages(b.admin, '/contacts', 50)).toEqual([b.contactId])
    expect(await allPages(b.admin, `/contacts?accountId=${a.accountId}`, 50)).toEqual([])
    const form = await (await b.admin.get(`/contacts/new?accountId=${a.accountId}`)).text()
    expect(form).not.toContain('A-only Industries')
    expect(await (await b.admin.get('/contacts')).text()).not.toContain('Alice')
  })
})
