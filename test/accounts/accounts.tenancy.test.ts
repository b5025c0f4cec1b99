import { beforeAll, describe, expect, it } from 'vitest'
import { createToken, me, signUp, withToken, type Browser } from '../helpers/auth'
import { api, created, eventsOf } from '../helpers/records'

// Workspace B tries every account route with A's account id and must get 404, with A's account
// and its history exactly as they were.
type Account = { id: string; name: string; status: string; ownerId: string | null; tags: string[]; archivedAt: string | null }

let aAdmin: Browser
let aTenant: string
let account: Account
let b: Browser
let bToken: string

beforeAll(async () => {
  aAdmin = await signUp({ workspace: 'Accounts A' })
  aTenant = (await me(aAdmin)).workspace.id
  account = await created<Account>(aAdmin, '/accounts', { name: 'A secret account', tags: ['a-only'] })
  b = await signUp({ workspace: 'Accounts B' })
  bToken = (await createToken(b)).token
})

const intact = async () => {
  expect((await api<Account>(aAdmin, 'GET', `/accounts/${account.id}`)).body).toEqual(account)
  expect((await eventsOf(aTenant, account.id)).map((e) => e.eventType)).toEqual(['created'])
}

const PAGE_ROUTES: [string, string, Record<string, string>?][] = [
  ['GET', '/accounts/:id'],
  ['GET', '/accounts/:id/edit'],
  ['GET', '/accounts/:id/timeline'],
  ['POST', '/accounts/:id', { name: 'Taken over' }],
  ['POST', '/accounts/:id/status', { status: 'churned' }],
  ['POST', '/accounts/:id/owner', { ownerId: '' }],
  ['POST', '/accounts/:id/archive'],
]
const API_ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/v1/accounts/:id'],
  ['GET', '/api/v1/accounts/:id/timeline'],
  ['PATCH', '/api/v1/accounts/:id', { name: 'Taken over' }],
  ['DELETE', '/api/v1/accounts/:id'],
]

describe("another workspace's account", () => {
  it.each(PAGE_ROUTES)('%s %s from B → 404', async (method, route, form) => {
    const path = route.replace(':id', account.id)
    const res = method === 'GET' ? await b.get(path) : await b.post(path, form ?? {})
    expect(res.status).toBe(404)
    await intact()
  })

  it.each(API_ROUTES)('%s %s from B, by session and by token → 404', async (method, route, body) => {
    const path = route.replace(':id', account.id)
    expect((await b.json(method, path, body)).status).toBe(404)
    expect((await withToken(bToken, path, { method, body })).status).toBe(404)
    await intact()
  })

  it('is untouched by bulk actions naming it, and never listed in B', async () => {
    for (const action of ['archive', 'tag']) expect((await b.post('/accounts/bulk', { ids: account.id, action, tagName: 'b-tag' })).status).toBe(303)
    await intact()
    const list = await api<{ data: Account[] }>(b, 'GET', '/accounts')
    expect(list.body.data).toEqual([])
    expect(await (await b.get('/accounts')).text()).not.toContain('A secret account')
  })
})
