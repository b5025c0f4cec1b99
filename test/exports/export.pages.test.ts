import { beforeAll, describe, expect, it } from 'vitest'
import { addMember, me, type Browser } from '../helpers/auth'
import { created, setVisibility } from '../helpers/records'
import { column, csvOf, exportEvents, workspace, type Workspace } from './fixtures'

// "Export CSV" on the list pages: the button, the file, who may have it and what it holds.

const today = new Date().toISOString().slice(0, 10)
let ws: Workspace
let acme: { id: string }

beforeAll(async () => {
  ws = await workspace('Export pages')
  acme = await created(ws.admin, '/accounts', { name: 'Acme, "The Best" Ltd' })
  await created(ws.admin, '/contacts', { firstName: 'Zoë', lastName: 'Ørsted', email: 'zoe@example.test', phone: '+1 415 555 0100', status: 'customer', accountId: acme.id, tags: ['VIP', 'Partner'] })
  await created(ws.admin, '/contacts', { firstName: '=HYPERLINK("http://evil.test","Click")', lastName: 'Mallory', status: 'customer' })
  await created(ws.admin, '/contacts', { firstName: 'Paula', lastName: 'Prospect', status: 'prospect' })
})

const exportForm = (html: string) => /<form method="post" action="\/contacts\/export\.csv"[^]*?<\/form>/.exec(html)?.[0] ?? ''

describe('the Export CSV button', () => {
  it('posts the list’s current filters, sort and view', async () => {
    const html = await (await ws.admin.get('/contacts?status=customer&sort=name&dir=asc')).text()
    const form = exportForm(html)
    expect(form).toContain('Export CSV')
    expect(form).toContain('name="status" value="customer"')
    expect(form).toContain('name="sort" value="name"')
    expect(form).toContain('name="dir" value="asc"')
  })

  it('comes with every htmx filter change, so it never posts stale filters', async () => {
    const html = await (await ws.admin.get('/contacts?status=prospect', { 'HX-Request': 'true' })).text()
    expect(html).toContain('action="/contacts/export.csv"')
    expect(html).toContain('name="status" value="prospect"')
  })

  it.each(['/accounts', '/contacts', '/leads', '/opportunities', '/tasks?status=all'])('is on %s once it has rows', async (path) => {
    const entity = path.slice(1).split('?')[0] ?? ''
    if (entity === 'leads') await created(ws.admin, '/leads', { firstName: 'Lee', companyName: 'Leadco' })
    if (entity === 'opportunities') await created(ws.admin, '/opportunities', { name: 'Big deal', amount: '1200.50', accountId: acme.id })
    if (entity === 'tasks') await created(ws.admin, '/tasks', { title: 'Call Zoë' })
    expect(await (await ws.admin.get(path)).text()).toContain(`action="/${entity}/export.csv"`)
  })

  it('is not shown to support, who may not export', async () => {
    const support = await addMember(ws.admin, 'support')
    expect(await (await support.get('/contacts')).text()).not.toContain('export.csv')
  })
})

describe('POST /<list>/export.csv', () => {
  it('downloads the filtered list as UTF-8 CSV with a BOM, in the list’s order', async () => {
    const res = await ws.admin.post('/contacts/export.csv', { status: 'customer', sort: 'name', dir: 'asc' })
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="contacts-${today}.csv"`)
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const rows = await csvOf(res)
    expect(rows[0]).toEqual(['First name', 'Last name', 'Email', 'Phone', 'Title', 'Account', 'Status', 'Owner', 'Tags', 'Last contacted', 'Created'])
    expect(column(rows, 'Last name')).toEqual(['Mallory', 'Ørsted'])
    const zoe = rows[2] ?? []
    expect(zoe.slice(0, 9)).toEqual(['Zoë', 'Ørsted', 'zoe@example.test', "'+1 415 555 0100", '', 'Acme, "The Best" Ltd', 'Customer', 'Test Person', 'Partner, VIP'])
    expect(zoe[10]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('makes a formula typed into a record plain text', async () => {
    const rows = await csvOf(await ws.admin.post('/contacts/export.csv', { status: 'customer', sort: 'name', dir: 'asc' }))
    expect(column(rows, 'First name')[0]).toBe('\'=HYPERLINK("http://evil.test","Click")')
  })

  it('exports deal amounts as plain numbers for roles that see them', async () => {
    const rows = await csvOf(await ws.admin.post('/opportunities/export.csv', {}))
    expect(column(rows, 'Amount')).toEqual(['1200.5'])
    expect(column(rows, 'Currency')).toEqual(['USD'])
  })

  it('exports open tasks by default, like the task list', async () => {
    const task = await created<{ id: string }>(ws.admin, '/tasks', { title: 'Done already' })
    expect((await ws.admin.json('POST', `/api/v1/tasks/${task.id}/complete`)).status).toBe(200)
    expect(column(await csvOf(await ws.admin.post('/tasks/export.csv', {})), 'Task')).not.toContain('Done already')
    expect(column(await csvOf(await ws.admin.post('/tasks/export.csv', { status: 'all' })), 'Task')).toContain('Done already')
  })

  it('exports a saved view, named after it', async () => {
    const view = await created<{ id: string }>(ws.admin, '/views', { entity: 'contacts', name: 'Prospects only', visibility: 'personal', filter: { field: 'status', op: 'equals', value: 'prospect' } })
    expect(exportForm(await (await ws.admin.get(`/contacts?view=${view.id}`)).text())).toContain(`name="view" value="${view.id}"`)
    const res = await ws.admin.post('/contacts/export.csv', { view: view.id })
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="contacts-prospects-only-${today}.csv"`)
    expect(column(await csvOf(res), 'Last name')).toEqual(['Prospect'])
  })

  it('answers 422 to a filter that is not valid', async () => {
    expect((await ws.admin.post('/contacts/export.csv', { filter: '{"field":"nope","op":"equals","value":1}' })).status).toBe(422)
    expect((await ws.admin.post('/contacts/export.csv', { bogus: '1' })).status).toBe(422)
  })

  it('records one "exported" event with the list, view, filters and row count', async () => {
    const before = (await exportEvents(ws.tenantId)).length
    await csvOf(await ws.admin.post('/contacts/export.csv', { status: 'customer', filter: '{"field":"email","op":"notEmpty"}' }))
    const events = await exportEvents(ws.tenantId)
    expect(events).toHaveLength(before + 1)
    expect(events.at(-1)).toMatchObject({
      entityType: 'workspace',
      entityId: ws.tenantId,
      actorUserId: ws.userId,
      payload: { entity: 'contacts', filter: { status: 'customer', filter: '{"field":"email","op":"notEmpty"}' }, rowCount: 1 },
    })
  })
})

describe('who may export what', () => {
  let support: Browser
  beforeAll(async () => {
    support = await addMember(ws.admin, 'support')
  })

  it.each(['accounts', 'contacts', 'leads', 'opportunities', 'tasks'])('support gets 403 from /%s/export.csv', async (entity) => {
    const before = (await exportEvents(ws.tenantId)).length
    expect((await support.post(`/${entity}/export.csv`, {})).status).toBe(403)
    expect(await exportEvents(ws.tenantId)).toHaveLength(before)
  })

  it('a rep in "own" mode exports only their own records', async () => {
    const own = await workspace('Own mode')
    const rep = await addMember(own.admin, 'rep', 'Rita Rep')
    await created(own.admin, '/contacts', { firstName: 'Admins', lastName: 'Contact' })
    await created(rep, '/contacts', { firstName: 'Ritas', lastName: 'Contact' })
    await setVisibility(own.tenantId, 'own')
    const rows = await csvOf(await rep.post('/contacts/export.csv', {}))
    expect(column(rows, 'First name')).toEqual(['Ritas'])
    expect(column(rows, 'Owner')).toEqual(['Rita Rep'])
    // Naming someone else as owner finds nothing rather than their records.
    const admin = await me(own.admin)
    expect(await csvOf(await rep.post('/contacts/export.csv', { owner: admin.userId }))).toHaveLength(1)
  })
})

describe('export across workspaces', () => {
  it('another workspace’s view is a 404, and its records never appear', async () => {
    const other = await workspace('Export other')
    const theirs = await created<{ id: string }>(ws.admin, '/views', { entity: 'contacts', name: 'Shared', visibility: 'workspace', filter: { field: 'status', op: 'equals', value: 'customer' } })
    const before = (await exportEvents(other.tenantId)).length
    expect((await other.admin.post('/contacts/export.csv', { view: theirs.id })).status).toBe(404)
    expect(await exportEvents(other.tenantId)).toHaveLength(before)
    const naming = JSON.stringify({ field: 'account', op: 'equals', value: acme.id })
    expect(await csvOf(await other.admin.post('/contacts/export.csv', { filter: naming }))).toHaveLength(1)
    expect(await csvOf(await other.admin.post('/contacts/export.csv', {}))).toHaveLength(1)
  })
})
