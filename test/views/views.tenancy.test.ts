import { beforeAll, describe, expect, it } from 'vitest'
import { signUp, type Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'

// Workspace B names workspace A's views, and A's records inside filters: every attempt is a 404
// or finds nothing, and A's view is left exactly as it was.

type View = { id: string; name: string; updatedAt: string }

let a: { admin: Browser; view: View; accountId: string }
let b: Browser

beforeAll(async () => {
  const aAdmin = await signUp({ workspace: 'Views A' })
  const account = await created<{ id: string }>(aAdmin, '/accounts', { name: 'A-only', tags: ['secret'] })
  await created(aAdmin, '/contacts', { firstName: 'Alice', accountId: account.id })
  const view = await created<View>(aAdmin, '/views', { entity: 'contacts', name: 'A team view', visibility: 'team', filter: { field: 'account', op: 'equals', value: account.id } })
  a = { admin: aAdmin, view, accountId: account.id }
  b = await signUp({ workspace: 'Views B' })
})

const aIntact = async () => expect((await api<View>(a.admin, 'GET', `/views/${a.view.id}`)).body).toMatchObject({ name: 'A team view', updatedAt: a.view.updatedAt })

describe('views across workspaces', () => {
  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['GET', '/records'],
  ])("API %s /views/:id%s with another workspace's id is 404", async (method, suffix) => {
    expect((await api(b, method, `/views/${a.view.id}${suffix}`, method === 'PATCH' ? { name: 'Mallory' } : undefined)).status).toBe(404)
    await aIntact()
  })

  it("never lists another workspace's views", async () => {
    const mine = (await api<{ data: View[] }>(b, 'GET', '/views')).body.data
    expect(mine.map((v) => v.id)).not.toContain(a.view.id)
    expect(mine).toHaveLength(3)
  })

  it("answers 404 to every page naming another workspace's view", async () => {
    expect((await b.get(`/contacts?view=${a.view.id}`)).status).toBe(404)
    expect((await b.get(`/views/${a.view.id}/edit`)).status).toBe(404)
    expect((await b.post(`/views/${a.view.id}`, { name: 'Mallory', visibility: 'team', filter: '{"and": []}' })).status).toBe(404)
    expect((await b.post(`/views/${a.view.id}/delete`, {})).status).toBe(404)
    expect((await b.post(`/views/${a.view.id}/lock`, {})).status).toBe(404)
    // Saving "from" another workspace's view cannot read its filter either.
    expect((await b.post('/views', { entity: 'contacts', view: a.view.id, name: 'Copied', visibility: 'personal' })).status).toBe(404)
    await aIntact()
  })

  it("finds none of another workspace's records through a filter naming them", async () => {
    const doc = { or: [{ field: 'account', op: 'equals', value: a.accountId }, { field: 'hasOpenOpportunity', op: 'equals', value: false }] }
    const res = await api<{ data: unknown[] }>(b, 'GET', `/contacts?filter=${encodeURIComponent(JSON.stringify(doc))}`)
    expect(res).toMatchObject({ status: 200, body: { data: [] } })
    const accounts = await api<{ data: unknown[] }>(b, 'GET', `/accounts?filter=${encodeURIComponent(JSON.stringify({ field: 'tags', op: 'notEmpty' }))}`)
    expect(accounts.body.data).toEqual([])
  })
})
