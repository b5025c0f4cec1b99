import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { activityEvents, notes } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { createToken, me, signUp, withToken, type Browser } from '../helpers/auth'
import { allPages, api, created, eventsOf, type Problem } from '../helpers/records'
import { newAccount } from '../tasks/fixtures'

// Workspace B names workspace A's note, and the account it is on, on every note route, by
// session and by token: each attempt is a 404 (or a 422 on relatedId when B adds a note to A's
// account), and A's note, its account and their histories are left exactly as they were.
const db = testDb()
const htmx = { 'HX-Request': 'true' }

type Note = { id: string; body: string; relatedType: string; relatedId: string; archivedAt: string | null; updatedAt: string }
type Account = { id: string; name: string }

let a: { admin: Browser; tenantId: string; account: Account; note: Note }
let b: { admin: Browser; tenantId: string; token: string; account: Account; note: Note }

beforeAll(async () => {
  const aAdmin = await signUp({ workspace: 'Notes A' })
  const account = await newAccount(aAdmin, 'A-only Holdings')
  const note = await created<Note>(aAdmin, '/notes', { body: 'A secret note', relatedType: 'account', relatedId: account.id })
  a = { admin: aAdmin, tenantId: (await me(aAdmin)).workspace.id, account: (await api<Account>(aAdmin, 'GET', `/accounts/${account.id}`)).body, note }
  const bAdmin = await signUp({ workspace: 'Notes B' })
  const bAccount = await newAccount(bAdmin, 'B Holdings')
  const bNote = await created<Note>(bAdmin, '/notes', { body: 'B own note', relatedType: 'account', relatedId: bAccount.id })
  b = { admin: bAdmin, tenantId: (await me(bAdmin)).workspace.id, token: (await createToken(bAdmin)).token, account: bAccount, note: bNote }
})

// Every event on A's note or account, in any workspace: B's attempts must not have added one.
const eventsAnywhere = async (entityId: string) => (await db.select().from(activityEvents).where(eq(activityEvents.entityId, entityId))).map((e) => [e.tenantId, e.eventType])

const aIntact = async () => {
  expect((await api<Note>(a.admin, 'GET', `/notes/${a.note.id}`)).body).toEqual(a.note)
  expect((await api<Account>(a.admin, 'GET', `/accounts/${a.account.id}`)).body).toEqual(a.account)
  expect((await eventsOf(a.tenantId, a.note.id)).map((e) => e.eventType)).toEqual(['created'])
  expect((await eventsOf(a.tenantId, a.account.id)).map((e) => e.eventType)).toEqual(['created', 'note_added'])
  expect(await eventsAnywhere(a.note.id)).toEqual([[a.tenantId, 'created']])
  expect(await eventsAnywhere(a.account.id)).toEqual([
    [a.tenantId, 'created'],
    [a.tenantId, 'note_added'],
  ])
}

// ':id' is A's note and ':account' A's account, filled in once they exist.
const fill = (s: string) => s.replace(':id', a.note.id).replace(':account', a.account.id)

const PAGE_ROUTES: [string, string, Record<string, string>?][] = [
  ['GET', '/notes/:id/edit'],
  ['GET', '/notes?relatedType=account&relatedId=:account'],
  ['POST', '/notes/:id', { body: 'Taken over' }],
  ['POST', '/notes/:id', { body: ' ' }],
  ['POST', '/notes/:id/archive'],
]
const API_ROUTES: [string, string, Record<string, string>?][] = [
  ['GET', '/api/v1/notes/:id'],
  ['PATCH', '/api/v1/notes/:id', { body: 'Taken over' }],
  ['DELETE', '/api/v1/notes/:id'],
]

describe("another workspace's note", () => {
  it.each(PAGE_ROUTES)('page %s %s %j from B, plain and htmx → 404', async (method, route, form) => {
    const path = fill(route)
    for (const headers of [{}, htmx]) {
      const res = method === 'GET' ? await b.admin.get(path, headers) : await b.admin.post(path, form ?? {}, headers)
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

  it("refuses a note from B on A's account (422 on relatedId), writing nothing in either workspace", async () => {
    const bEvents = async () => (await db.select().from(activityEvents).where(eq(activityEvents.tenantId, b.tenantId))).length
    const before = await bEvents()
    const input = { body: 'Eve was here', relatedType: 'account', relatedId: a.account.id }
    const res = await api<Problem>(b.admin, 'POST', '/notes', input)
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    const byToken = await withToken(b.token, '/api/v1/notes', { method: 'POST', body: input })
    expect(byToken.status).toBe(422)
    expect(((await byToken.json()) as Problem).errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    // A note's record is fixed at creation: moving B's own note is refused by name.
    const moved = await api<Problem>(b.admin, 'PATCH', `/notes/${b.note.id}`, { body: 'B own note', relatedId: a.account.id })
    expect(moved.status).toBe(422)
    expect(moved.body.errors?.map((e) => e.path)).toEqual(['relatedId'])
    for (const headers of [{}, htmx]) {
      const page = await b.admin.post('/notes', input, headers)
      expect(page.status).toBe(422)
      const html = await page.text()
      expect(html).toContain('No such record in this workspace.')
      expect(html).not.toContain('A-only Holdings')
    }

    expect((await api<Note>(b.admin, 'GET', `/notes/${b.note.id}`)).body).toEqual(b.note)
    expect((await db.select().from(notes).where(eq(notes.tenantId, b.tenantId))).map((n) => n.id)).toEqual([b.note.id])
    expect((await db.select().from(notes).where(eq(notes.accountId, a.account.id))).map((n) => n.id)).toEqual([a.note.id])
    expect(await bEvents()).toBe(before)
    await aIntact()
  })

  it("never lists A's notes to B", async () => {
    expect(await allPages(b.admin, `/notes?relatedType=account&relatedId=${b.account.id}`, 50)).toEqual([b.note.id])
    expect(await allPages(b.admin, `/notes?relatedType=account&relatedId=${a.account.id}`, 50)).toEqual([])
    const byToken = await withToken(b.token, `/api/v1/notes?relatedType=account&relatedId=${a.account.id}`)
    expect(byToken.status).toBe(200)
    expect(((await byToken.json()) as { data: Note[] }).data).toEqual([])
    const own = await (await b.admin.get(`/notes?relatedType=account&relatedId=${b.account.id}`, htmx)).text()
    expect(own).toContain('B own note')
    expect(own).not.toContain('A secret note')
  })
})
