import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { activities, activityEvents } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { createToken, me, signUp, withToken, type Browser } from '../helpers/auth'
import { allPages, api, created, eventsOf, type Problem } from '../helpers/records'
import { daysFromNow, newAccount } from '../tasks/fixtures'

// Workspace B names workspace A's activity, and the account it was logged on, on every activity
// route, by session and by token: each attempt is a 404 (or a 422 on relatedId when B logs one on
// A's account), and A's activity, its account (last contacted included) and their histories are
// left exactly as they were.
const db = testDb()
const htmx = { 'HX-Request': 'true' }

type Activity = { id: string; subject: string; outcome: string; occurredAt: string; relatedId: string; archivedAt: string | null; updatedAt: string }
type Account = { id: string; name: string; lastContactedAt: string | null }

let a: { admin: Browser; tenantId: string; account: Account; activity: Activity }
let b: { admin: Browser; tenantId: string; token: string; account: { id: string }; activity: Activity }

const call = (relatedId: string, subject: string) => ({ type: 'call', outcome: 'connected', subject, occurredAt: daysFromNow(-3), relatedType: 'account', relatedId })

beforeAll(async () => {
  const aAdmin = await signUp({ workspace: 'Activities A' })
  const account = await newAccount(aAdmin, 'A-only Holdings')
  const activity = await created<Activity>(aAdmin, '/activities', call(account.id, 'A secret call'))
  a = { admin: aAdmin, tenantId: (await me(aAdmin)).workspace.id, account: (await api<Account>(aAdmin, 'GET', `/accounts/${account.id}`)).body, activity }
  const bAdmin = await signUp({ workspace: 'Activities B' })
  const bAccount = await newAccount(bAdmin, 'B Holdings')
  const bActivity = await created<Activity>(bAdmin, '/activities', call(bAccount.id, 'B own call'))
  b = { admin: bAdmin, tenantId: (await me(bAdmin)).workspace.id, token: (await createToken(bAdmin)).token, account: bAccount, activity: bActivity }
})

// Every event on A's activity or account, in any workspace: B's attempts must not have added one.
const eventsAnywhere = async (entityId: string) => (await db.select().from(activityEvents).where(eq(activityEvents.entityId, entityId))).map((e) => [e.tenantId, e.eventType])

const aIntact = async () => {
  expect((await api<Activity>(a.admin, 'GET', `/activities/${a.activity.id}`)).body).toEqual(a.activity)
  const account = (await api<Account>(a.admin, 'GET', `/accounts/${a.account.id}`)).body
  expect(account).toEqual(a.account)
  expect(account.lastContactedAt).toBe(daysFromNow(-3))
  // Logging writes activity_logged on the record, and nothing on the activity itself.
  expect(await eventsOf(a.tenantId, a.activity.id)).toEqual([])
  expect((await eventsOf(a.tenantId, a.account.id)).map((e) => e.eventType)).toEqual(['created', 'activity_logged'])
  expect(await eventsAnywhere(a.activity.id)).toEqual([])
  expect(await eventsAnywhere(a.account.id)).toEqual([
    [a.tenantId, 'created'],
    [a.tenantId, 'activity_logged'],
  ])
}

// ':id' is A's activity and ':account' A's account, filled in once they exist.
const fill = (s: string) => s.replace(':id', a.activity.id).replace(':account', a.account.id)

const PAGE_ROUTES: [string, string][] = [
  ['POST', '/activities/:id/archive'],
  ['GET', '/activities?relatedType=account&relatedId=:account'],
]
const API_ROUTES: [string, string, Record<string, string>?][] = [
  ['GET', '/api/v1/activities/:id'],
  // A later occurredAt would also move the account's last contacted time.
  ['PATCH', '/api/v1/activities/:id', { subject: 'Taken over', occurredAt: daysFromNow(0) }],
  ['PATCH', '/api/v1/activities/:id', { outcome: 'no_answer' }],
  ['DELETE', '/api/v1/activities/:id'],
]

describe("another workspace's activity", () => {
  it.each(PAGE_ROUTES)('page %s %s from B, plain and htmx → 404', async (method, route) => {
    const path = fill(route)
    for (const headers of [{}, htmx]) {
      const res = method === 'GET' ? await b.admin.get(path, headers) : await b.admin.post(path, {}, headers)
      expect(res.status, JSON.stringify(headers)).toBe(404)
    }
    await aIntact()
  })

  it.each(API_ROUTES)('API %s %s %j from B, by session and by token → 404', async (method, route, body) => {
    const path = fill(route)
    expect((await b.admin.json(method, path, body)).status).toBe(404)
    expect((await withToken(b.token, path, { method, body })).status).toBe(404)
    await aIntact()
  })

  it("refuses an activity from B on A's account (422 on relatedId), writing nothing in either workspace", async () => {
    const bEvents = async () => (await db.select().from(activityEvents).where(eq(activityEvents.tenantId, b.tenantId))).length
    const before = await bEvents()
    const input = { ...call(a.account.id, 'Eve called'), occurredAt: daysFromNow(0) }
    const res = await api<Problem>(b.admin, 'POST', '/activities', input)
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    const byToken = await withToken(b.token, '/api/v1/activities', { method: 'POST', body: input })
    expect(byToken.status).toBe(422)
    expect(((await byToken.json()) as Problem).errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    // An activity's record is fixed when it is logged: moving B's own one is refused by name.
    const moved = await api<Problem>(b.admin, 'PATCH', `/activities/${b.activity.id}`, { relatedId: a.account.id })
    expect(moved.status).toBe(422)
    expect(moved.body.errors?.map((e) => e.path)).toEqual(['relatedId'])
    for (const headers of [{}, htmx]) {
      const page = await b.admin.post('/activities', { ...input, occurredAt: '', durationMinutes: '', body: '' }, headers)
      expect(page.status).toBe(422)
      const html = await page.text()
      expect(html).toContain('No such record in this workspace.')
      expect(html).not.toContain('A-only Holdings')
    }

    expect((await api<Activity>(b.admin, 'GET', `/activities/${b.activity.id}`)).body).toEqual(b.activity)
    expect((await db.select().from(activities).where(eq(activities.tenantId, b.tenantId))).map((r) => r.id)).toEqual([b.activity.id])
    expect((await db.select().from(activities).where(eq(activities.accountId, a.account.id))).map((r) => r.id)).toEqual([a.activity.id])
    expect(await bEvents()).toBe(before)
    await aIntact()
  })

  it("never lists A's activities to B", async () => {
    expect(await allPages(b.admin, `/activities?relatedType=account&relatedId=${b.account.id}`, 50)).toEqual([b.activity.id])
    expect(await allPages(b.admin, `/activities?relatedType=account&relatedId=${a.account.id}`, 50)).toEqual([])
    const byToken = await withToken(b.token, `/api/v1/activities?relatedType=account&relatedId=${a.account.id}`)
    expect(byToken.status).toBe(200)
    expect(((await byToken.json()) as { data: Activity[] }).data).toEqual([])
    const own = await (await b.admin.get(`/activities?relatedType=account&relatedId=${b.account.id}`, htmx)).text()
    expect(own).toContain('B own call')
    expect(own).not.toContain('A secret call')
  })
})
