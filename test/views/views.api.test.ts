import { beforeAll, describe, expect, it } from 'vitest'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { allPages, api, created, setVisibility, type Problem } from '../helpers/records'

// Saved views through the JSON API: what each role may see and change, locking, invalid filters,
// the records of a view page by page, and `filter=` on the list endpoints.

type View = { id: string; entity: string; name: string; visibility: string; ownerId: string; filter: unknown; sort: string | null; locked: boolean; builtinKey: string | null; canEdit: boolean }

const customers = { field: 'status', op: 'equals', value: 'customer' }
const view = (who: Browser, body: Record<string, unknown>) => created<View>(who, '/views', { entity: 'contacts', name: 'Customers', filter: customers, ...body })
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((r) => r.id)

let admin: Browser
let manager: Browser
let rep1: Browser
let rep2: Browser
let support: Browser

beforeAll(async () => {
  admin = await signUp({ workspace: 'Views API' })
  manager = await addMember(admin, 'manager')
  rep1 = await addMember(admin, 'rep')
  rep2 = await addMember(admin, 'rep')
  support = await addMember(admin, 'support')
})

describe('GET/POST /api/v1/views', () => {
  it('starts every workspace with the three built-in views, shared with everyone', async () => {
    const res = await api<{ data: View[] }>(rep1, 'GET', '/views')
    expect(res.status).toBe(200)
    expect(res.body.data.filter((v) => v.builtinKey).map((v) => [v.builtinKey, v.entity, v.name, v.visibility, v.canEdit])).toEqual([
      ['high-value-closing-this-quarter', 'opportunities', 'High-value deals closing this quarter', 'workspace', false],
      ['inactive-customers', 'accounts', 'Inactive customers', 'workspace', false],
      ['my-open-leads', 'leads', 'My open leads', 'workspace', false],
    ])
    expect((await api<{ data: View[] }>(admin, 'GET', '/views?entity=leads')).body.data.map((v) => [v.name, v.canEdit])).toEqual([['My open leads', true]])
  })

  it('gives a workspace created later its own built-in views', async () => {
    const person = await signUp({ workspace: 'First' })
    const first = (await api<{ data: View[] }>(person, 'GET', '/views')).body.data.map((v) => v.id)
    expect((await person.post('/workspaces', { workspace: 'Second' })).status).toBe(303)
    expect((await me(person)).workspace.name).toBe('Second')
    const second = (await api<{ data: View[] }>(person, 'GET', '/views')).body.data
    expect(second.map((v) => v.builtinKey)).toEqual(['high-value-closing-this-quarter', 'inactive-customers', 'my-open-leads'])
    expect(second.some((v) => first.includes(v.id))).toBe(false)
  })

  it('saves a view with its filter normalised, and reads it back', async () => {
    const saved = await view(rep1, { name: '  Big customers ', filter: { and: [customers, { field: 'account.industry', op: 'contains', value: ' soft ' }] }, sort: 'name:desc' })
    expect(saved).toMatchObject({ name: 'Big customers', visibility: 'personal', locked: false, canEdit: true, sort: 'name:desc', filter: { and: [customers, { field: 'account.industry', op: 'contains', value: 'soft' }] } })
    expect((await api<View>(rep1, 'GET', `/views/${saved.id}`)).body.name).toBe('Big customers')
  })

  it('rejects invalid filters with 422 and the path of each problem', async () => {
    const cases: [unknown, string[]][] = [
      [{ field: 'status', op: 'equals', value: 'gold' }, ['filter.value']],
      [{ field: 'salary', op: 'equals', value: 1 }, ['filter.field']],
      [{ and: [customers, { field: 'status', op: 'contains', value: 'cus' }] }, ['filter.and.1.op']],
      [{ or: [] }, ['filter.or']],
      [{ field: 'createdAt', op: 'before', value: 'yesterday' }, ['filter.value']],
      [{ field: 'tags', op: 'empty', value: 'x' }, ['filter.value']],
      [{ and: [customers], or: [customers] }, ['filter']],
      [{ not: { not: { not: { not: { not: customers } } } } }, ['filter.not.not.not.not']],
      [{ or: Array.from({ length: 51 }, () => customers) }, ['filter']],
      ['status = customer', ['filter']],
    ]
    for (const [filter, paths] of cases) {
      const res = await api<Problem>(rep1, 'POST', '/views', { entity: 'contacts', name: 'Bad', filter })
      expect({ filter, status: res.status, paths: res.body.errors?.map((e) => e.path) }).toEqual({ filter, status: 422, paths })
    }
    const sort = await api<Problem>(rep1, 'POST', '/views', { entity: 'contacts', name: 'Bad', filter: customers, sort: 'amount' })
    expect(sort.body.errors).toEqual([{ path: 'sort', message: expect.stringContaining('name') }])
    const unknown = await api<Problem>(rep1, 'POST', '/views', { entity: 'contacts', name: 'Bad', filter: customers, ownerId: 'x' })
    expect(unknown.body.errors?.map((e) => e.path)).toEqual(['ownerId'])
  })

  it('lets only managers and admins share a view with the whole workspace, and only admins lock one', async () => {
    const rep = await api<Problem>(rep1, 'POST', '/views', { entity: 'contacts', name: 'Everyone', filter: customers, visibility: 'workspace' })
    expect(rep.status).toBe(422)
    expect(rep.body.errors).toEqual([{ path: 'visibility', message: 'Only managers and admins can share a view with the whole workspace.' }])
    expect((await view(manager, { visibility: 'workspace' })).visibility).toBe('workspace')
    expect((await api(manager, 'POST', '/views', { entity: 'contacts', name: 'Locked', filter: customers, visibility: 'workspace', locked: true })).status).toBe(403)
    const team = await api<Problem>(admin, 'POST', '/views', { entity: 'contacts', name: 'Locked team', filter: customers, visibility: 'team', locked: true })
    expect(team.body.errors).toEqual([{ path: 'locked', message: 'Only workspace views can be locked.' }])
  })
})

describe('who sees and changes a view', () => {
  it("keeps a personal view to its owner: anyone else's request is a 404", async () => {
    const mine = await view(rep1, { name: 'Mine only' })
    for (const other of [rep2, admin]) {
      expect((await api<{ data: View[] }>(other, 'GET', '/views')).body.data.map((v) => v.id)).not.toContain(mine.id)
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['PATCH', '', { name: 'Taken' }],
        ['DELETE', '', undefined],
        ['GET', '/records', undefined],
      ] as const)
        expect((await api(other, method, `/views/${mine.id}${suffix}`, body)).status).toBe(404)
    }
    expect((await api<View>(rep1, 'GET', `/views/${mine.id}`)).body.name).toBe('Mine only')
  })

  it('lets every member see and edit a team view', async () => {
    const team = await view(rep1, { name: 'Team list', visibility: 'team' })
    const renamed = await api<View>(rep2, 'PATCH', `/views/${team.id}`, { name: 'Team list, renamed' })
    expect(renamed.body).toMatchObject({ name: 'Team list, renamed', canEdit: true })
    // Only its owner may take it back into their personal views.
    expect((await api<Problem>(rep2, 'PATCH', `/views/${team.id}`, { visibility: 'personal' })).status).toBe(422)
    expect((await api<View>(rep1, 'PATCH', `/views/${team.id}`, { visibility: 'personal' })).body.visibility).toBe('personal')
    expect((await api(rep2, 'GET', `/views/${team.id}`)).status).toBe(404)
  })

  it('lets reps read workspace views but only managers and admins change them', async () => {
    const shared = await view(manager, { name: 'Workspace customers', visibility: 'workspace' })
    expect((await api<View>(rep1, 'GET', `/views/${shared.id}`)).body.canEdit).toBe(false)
    const refused = await api<Problem>(rep1, 'PATCH', `/views/${shared.id}`, { name: 'Mine now' })
    expect(refused).toMatchObject({ status: 403, body: { detail: 'Only managers and admins can change workspace views.' } })
    expect((await api(rep1, 'DELETE', `/views/${shared.id}`)).status).toBe(403)
    expect((await api<View>(admin, 'PATCH', `/views/${shared.id}`, { sort: 'created:asc' })).body.sort).toBe('created:asc')
  })

  it('refuses to let anyone but an admin edit or delete a locked view', async () => {
    const shared = await view(manager, { name: 'Board report', visibility: 'workspace' })
    expect((await api(manager, 'PATCH', `/views/${shared.id}`, { locked: true })).status).toBe(403)
    expect((await api<View>(admin, 'PATCH', `/views/${shared.id}`, { locked: true })).body.locked).toBe(true)
    const edit = await api<Problem>(manager, 'PATCH', `/views/${shared.id}`, { name: 'Changed' })
    expect(edit).toMatchObject({ status: 403, body: { detail: 'This view is locked. Only admins can change it.' } })
    expect((await api(manager, 'DELETE', `/views/${shared.id}`)).status).toBe(403)
    expect((await api<View>(manager, 'GET', `/views/${shared.id}`)).body).toMatchObject({ name: 'Board report', locked: true, canEdit: false })
    expect((await api<View>(admin, 'PATCH', `/views/${shared.id}`, { name: 'Board report (Q3)' })).status).toBe(200)
    expect((await api(admin, 'DELETE', `/views/${shared.id}`)).status).toBe(204)
    expect((await api(admin, 'GET', `/views/${shared.id}`)).status).toBe(404)
  })

  it('keeps lead views from support, and amount filters from anyone who may not see amounts', async () => {
    const supportViews = (await api<{ data: View[] }>(support, 'GET', '/views')).body.data
    expect(supportViews.map((v) => v.entity)).not.toContain('leads')
    const highValue = (await api<{ data: View[] }>(admin, 'GET', '/views?entity=opportunities')).body.data.find((v) => v.builtinKey)
    expect((await api(support, 'GET', `/views/${highValue?.id}/records`)).status).toBe(403)
    expect((await api(support, 'GET', `/opportunities?filter=${encodeURIComponent(JSON.stringify({ field: 'amount', op: 'greaterThan', value: 10 }))}`)).status).toBe(403)
  })
})

describe('GET /api/v1/views/:id/records', () => {
  it('pages through the records a view selects, in its sort order, as the list endpoint shapes them', async () => {
    const owner = await signUp({ workspace: 'View records' })
    const names = ['Ada', 'Bea', 'Cy', 'Di', 'Ed']
    const made = []
    for (const [i, firstName] of names.entries()) made.push(await created<{ id: string }>(owner, '/contacts', { firstName, lastName: firstName, status: i === 2 ? 'prospect' : 'customer' }))
    const v = await view(owner, { sort: 'name:asc' })
    expect(await allPages(owner, `/views/${v.id}/records`, 2)).toEqual([made[0], made[1], made[3], made[4]].map((c) => c?.id))
    const first = await api<{ data: { id: string; firstName: string; tags: string[] }[]; nextCursor: string }>(owner, 'GET', `/views/${v.id}/records?limit=1`)
    expect(first.body.data[0]).toMatchObject({ firstName: 'Ada', tags: [] })
  })

  it('reads "me" as whoever opens the view, within what they may see', async () => {
    const boss = await signUp({ workspace: 'View me' })
    const a = await addMember(boss, 'rep')
    const b = await addMember(boss, 'rep')
    await setVisibility((await me(boss)).workspace.id, 'own')
    const aLead = await created<{ id: string }>(a, '/leads', { lastName: 'A-lead' })
    const bLead = await created<{ id: string }>(b, '/leads', { lastName: 'B-lead' })
    const mine = (await api<{ data: View[] }>(a, 'GET', '/views?entity=leads')).body.data[0]
    expect(ids(await api(a, 'GET', `/views/${mine?.id}/records`))).toEqual([aLead.id])
    expect(ids(await api(b, 'GET', `/views/${mine?.id}/records`))).toEqual([bLead.id])
    expect(ids(await api(boss, 'GET', `/views/${mine?.id}/records`))).toEqual([])
  })
})

describe('filter= on the list endpoints', () => {
  it('narrows each list by a filter document, and says what is wrong with a bad one', async () => {
    const owner = await signUp({ workspace: 'Filter param' })
    const acme = await created<{ id: string }>(owner, '/accounts', { name: 'Acme', industry: 'Software', status: 'customer' })
    await created(owner, '/accounts', { name: 'Beta', industry: 'Retail' })
    const ada = await created<{ id: string }>(owner, '/contacts', { firstName: 'Ada', accountId: acme.id })
    await created(owner, '/contacts', { firstName: 'Bob' })
    const q = (doc: unknown) => `filter=${encodeURIComponent(JSON.stringify(doc))}`
    expect(ids(await api(owner, 'GET', `/accounts?${q({ field: 'industry', op: 'equals', value: 'software' })}`))).toEqual([acme.id])
    expect(ids(await api(owner, 'GET', `/contacts?${q({ field: 'account.status', op: 'equals', value: 'customer' })}&limit=5`))).toEqual([ada.id])
    expect(ids(await api(owner, 'GET', `/contacts?${q({ not: { field: 'account', op: 'empty' } })}`))).toEqual([ada.id])
    // It combines with the list's own filters.
    expect(ids(await api(owner, 'GET', `/contacts?status=customer&${q({ field: 'account', op: 'notEmpty' })}`))).toEqual([])
    for (const list of ['accounts', 'contacts', 'leads', 'opportunities', 'tasks']) {
      expect((await api(owner, 'GET', `/${list}?${q({ field: 'createdAt', op: 'withinLastDays', value: 1 })}`)).status).toBe(200)
      const notJson = await api<Problem>(owner, 'GET', `/${list}?filter=%7Bstatus`)
      expect({ list, status: notJson.status, detail: notJson.body.detail }).toEqual({ list, status: 400, detail: 'The filter parameter is not valid JSON.' })
      const invalid = await api<Problem>(owner, 'GET', `/${list}?${q({ field: 'createdAt', op: 'contains', value: 1 })}`)
      expect({ list, status: invalid.status, paths: invalid.body.errors?.map((e) => e.path) }).toEqual({ list, status: 422, paths: ['filter.op'] })
    }
  })

  it('describes the views endpoints in the OpenAPI document', async () => {
    const doc = await api<{ paths: Record<string, unknown> }>(admin, 'GET', '/openapi.json')
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/views', '/views/{id}', '/views/{id}/records']))
  })
})
