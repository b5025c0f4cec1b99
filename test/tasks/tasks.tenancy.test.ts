import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { activityEvents, tasks } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { createToken, me, signUp, withToken, type Browser } from '../helpers/auth'
import { allPages, api, created, eventsOf, type Problem } from '../helpers/records'
import { daysFromNow, newAccount } from './fixtures'

// Workspace B names workspace A's task, and the account it is about, on every task route, by
// session and by token: each attempt is a 404 (or a 422 on relatedId when B links to A's
// account), and A's task, its account and their histories are left exactly as they were.
const db = testDb()
const htmx = { 'HX-Request': 'true' }

type Task = { id: string; title: string; relatedId: string | null; completedAt: string | null; archivedAt: string | null; updatedAt: string }
type Account = { id: string; name: string }

let a: { admin: Browser; tenantId: string; account: Account; task: Task }
let b: { admin: Browser; tenantId: string; token: string; task: Task }

beforeAll(async () => {
  const aAdmin = await signUp({ workspace: 'Tasks A' })
  const account = await newAccount(aAdmin, 'A-only Holdings')
  const task = await created<Task>(aAdmin, '/tasks', { title: 'A secret task', type: 'call', dueAt: daysFromNow(-1), relatedType: 'account', relatedId: account.id })
  a = { admin: aAdmin, tenantId: (await me(aAdmin)).workspace.id, account, task }
  const bAdmin = await signUp({ workspace: 'Tasks B' })
  const bTask = await created<Task>(bAdmin, '/tasks', { title: 'B own task', dueAt: daysFromNow(-1) })
  b = { admin: bAdmin, tenantId: (await me(bAdmin)).workspace.id, token: (await createToken(bAdmin)).token, task: bTask }
})

// Every event on A's task or account, in any workspace: B's attempts must not have added one.
const eventsAnywhere = async (entityId: string) => (await db.select().from(activityEvents).where(eq(activityEvents.entityId, entityId))).map((e) => [e.tenantId, e.eventType])

const aIntact = async () => {
  expect((await api<Task>(a.admin, 'GET', `/tasks/${a.task.id}`)).body).toEqual(a.task)
  expect((await api<Account>(a.admin, 'GET', `/accounts/${a.account.id}`)).body).toEqual(a.account)
  expect((await eventsOf(a.tenantId, a.task.id)).map((e) => e.eventType)).toEqual(['created'])
  expect((await eventsOf(a.tenantId, a.account.id)).map((e) => e.eventType)).toEqual(['created'])
  expect(await eventsAnywhere(a.task.id)).toEqual([[a.tenantId, 'created']])
  expect(await eventsAnywhere(a.account.id)).toEqual([[a.tenantId, 'created']])
}

// ':id' is A's task and ':account' A's account, filled in once they exist.
const fill = (s: string) => s.replace(':id', a.task.id).replace(':account', a.account.id)
const fillAll = (form: Record<string, string> = {}) => Object.fromEntries(Object.entries(form).map(([k, v]) => [k, fill(v)]))

const FULL_FORM = { title: 'Taken over', type: 'todo', dueAt: '', remindAt: '', assigneeId: '', description: '', relatedType: '', relatedId: '' }

const PAGE_ROUTES: [string, string, Record<string, string>?][] = [
  ['GET', '/tasks/:id'],
  ['GET', '/tasks/:id/edit'],
  ['GET', '/tasks/:id/timeline'],
  ['POST', '/tasks/:id', FULL_FORM],
  ['POST', '/tasks/:id', { ...FULL_FORM, title: '' }],
  ['POST', '/tasks/:id', { ...FULL_FORM, relatedType: 'account', relatedId: ':account' }],
  ['POST', '/tasks/:id/complete'],
  ['POST', '/tasks/:id/complete?back=%2Fmy-work'],
  ['POST', '/tasks/:id/reopen'],
  ['POST', '/tasks/:id/archive'],
]
const API_ROUTES: [string, string, Record<string, string>?][] = [
  ['GET', '/api/v1/tasks/:id'],
  ['GET', '/api/v1/tasks/:id/timeline'],
  ['PATCH', '/api/v1/tasks/:id', { title: 'Taken over' }],
  ['PATCH', '/api/v1/tasks/:id', { relatedType: 'account', relatedId: ':account' }],
  ['POST', '/api/v1/tasks/:id/complete'],
  ['POST', '/api/v1/tasks/:id/reopen'],
  ['DELETE', '/api/v1/tasks/:id'],
]

describe("another workspace's task", () => {
  it.each(PAGE_ROUTES)('page %s %s %j from B, plain and htmx → 404', async (method, route, form) => {
    const path = fill(route)
    for (const headers of [{}, htmx]) {
      const res = method === 'GET' ? await b.admin.get(path, headers) : await b.admin.post(path, fillAll(form), headers)
      expect(res.status, JSON.stringify(headers)).toBe(404)
    }
    await aIntact()
  })

  it.each(API_ROUTES)('API %s %s %j from B, by session and by token → 404', async (method, route, body) => {
    const path = fill(route)
    const payload = body === undefined ? undefined : fillAll(body)
    expect((await b.admin.json(method, path, payload)).status).toBe(404)
    expect((await withToken(b.token, path, { method, body: payload })).status).toBe(404)
    await aIntact()
  })

  it("refuses to link B's task to A's account (422 on relatedId), writing nothing in either workspace", async () => {
    const bEvents = async () => (await db.select().from(activityEvents).where(eq(activityEvents.tenantId, b.tenantId))).length
    const before = await bEvents()
    const link = { relatedType: 'account', relatedId: a.account.id }
    const res = await api<Problem>(b.admin, 'POST', '/tasks', { title: 'Eve', ...link })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    const byToken = await withToken(b.token, '/api/v1/tasks', { method: 'POST', body: { title: 'Eve', ...link } })
    expect(byToken.status).toBe(422)
    expect(((await byToken.json()) as Problem).errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    const patch = await api<Problem>(b.admin, 'PATCH', `/tasks/${b.task.id}`, link)
    expect(patch.status).toBe(422)
    expect(patch.body.errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])

    const page = await b.admin.post('/tasks', { ...FULL_FORM, title: 'Eve', ...link })
    expect(page.status).toBe(422)
    const html = await page.text()
    expect(html).toContain('No such record in this workspace.')
    expect(html).not.toContain('A-only Holdings')
    for (const headers of [{}, htmx]) {
      const quick = await b.admin.post('/tasks?from=record', { title: 'Eve', type: 'call', dueAt: '', assigneeId: '', ...link }, headers)
      expect(quick.status).toBe(422)
      expect(await quick.text()).toContain('No such record in this workspace.')
    }
    const edit = await b.admin.post(`/tasks/${b.task.id}`, { ...FULL_FORM, title: 'B own task', ...link })
    expect(edit.status).toBe(422)
    expect(await edit.text()).toContain('No such record in this workspace.')
    expect((await b.admin.get(`/tasks/new?relatedType=account&relatedId=${a.account.id}`)).status).toBe(404)

    expect((await api<Task>(b.admin, 'GET', `/tasks/${b.task.id}`)).body).toEqual(b.task)
    expect((await db.select().from(tasks).where(eq(tasks.tenantId, b.tenantId))).map((t) => t.id)).toEqual([b.task.id])
    expect((await db.select().from(tasks).where(eq(tasks.accountId, a.account.id))).map((t) => t.id)).toEqual([a.task.id])
    expect(await bEvents()).toBe(before)
    await aIntact()
  })

  it("never lists A's tasks to B: API, task pages and My work", async () => {
    expect(await allPages(b.admin, '/tasks', 50)).toEqual([b.task.id])
    expect(await allPages(b.admin, '/tasks?status=all&sort=created', 50)).toEqual([b.task.id])
    expect(await allPages(b.admin, `/tasks?relatedType=account&relatedId=${a.account.id}`, 50)).toEqual([])
    const byToken = await withToken(b.token, '/api/v1/tasks?status=all')
    expect(((await byToken.json()) as { data: Task[] }).data.map((t) => t.id)).toEqual([b.task.id])
    for (const path of ['/tasks', '/tasks?status=all', '/my-work']) {
      // A sees its task there, so its absence for B means something.
      expect(await (await a.admin.get(path)).text(), path).toContain('A secret task')
      const res = await b.admin.get(path)
      expect(res.status, path).toBe(200)
      const html = await res.text()
      expect(html, path).toContain('B own task')
      expect(html, path).not.toContain('A secret task')
      expect(html, path).not.toContain(a.task.id)
    }
    expect(await (await b.admin.get('/tasks?status=all', htmx)).text()).not.toContain('A secret task')
  })
})
