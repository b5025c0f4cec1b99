import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { accounts, contacts, savedViews } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'

// Saved views in the list pages: the sidebar with live counts, applying a view, "Save as view"
// (plain and htmx, 422 keeping what was typed), and a view's own page for renaming, re-filtering,
// locking and deleting.

const db = testDb()
type View = { id: string; name: string; builtinKey: string | null; filter: unknown; sort: string | null; visibility: string }

const html = async (res: Response) => ({ status: res.status, text: await res.text() })
const sidebar = (page: string) => /<nav class="views-sidebar"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? ''
const viewIdFrom = (location: string | null) => /[?&]view=([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? ''
const storedView = async (id: string) => (await db.select().from(savedViews).where(eq(savedViews.id, id)))[0]
const fieldErrorOf = (page: string, id: string) => new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(page)?.[1] ?? null

let admin: Browser
let manager: Browser
let tenantId: string
let builtins: Record<string, string>

beforeAll(async () => {
  admin = await signUp({ workspace: 'Views pages' })
  manager = await addMember(admin, 'manager')
  tenantId = (await me(admin)).workspace.id
  builtins = Object.fromEntries((await api<{ data: View[] }>(admin, 'GET', '/views')).body.data.filter((v) => v.builtinKey).map((v) => [v.builtinKey, v.id]))
  for (const [name, status] of [
    ['Quiet Co', 'customer'],
    ['Silent Ltd', 'customer'],
    ['Busy Inc', 'customer'],
    ['Maybe LLC', 'prospect'],
  ]) {
    const { id } = await created<{ id: string }>(admin, '/accounts', { name, status })
    if (name === 'Busy Inc') await db.update(accounts).set({ lastContactedAt: new Date() }).where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)))
  }
})

describe('the views sidebar of a list page', () => {
  it('lists the views with live counts, and a view applied shows just its records', async () => {
    const page = await html(await admin.get('/accounts'))
    expect(page.status).toBe(200)
    const nav = sidebar(page.text)
    expect(nav).toContain(`<a href="/accounts?view=${builtins['inactive-customers']}">Inactive customers</a>`)
    expect(nav).toMatch(/Inactive customers<\/a> <span class="view-count">2<span class="visually-hidden"> accounts<\/span>/)
    expect(nav).toContain('<a href="/accounts" aria-current="page">All accounts</a>')
    // Views of other lists are not in this one's sidebar.
    expect(nav).not.toContain('My open leads')

    const applied = await html(await admin.get(`/accounts?view=${builtins['inactive-customers']}`))
    expect(applied.text).toContain('<title>Inactive customers · Accounts · Edge CRM</title>')
    expect(applied.text).toContain('aria-current="page">Inactive customers</a>')
    expect(applied.text).toContain('Quiet Co')
    expect(applied.text).toContain('Silent Ltd')
    expect(applied.text).not.toContain('Busy Inc')
    expect(applied.text).not.toContain('Maybe LLC')
    // Filtering further keeps the view: the filter bar carries it along.
    expect(applied.text).toContain(`<input type="hidden" name="view" value="${builtins['inactive-customers']}"/>`)
    const narrowed = await html(await admin.get(`/accounts?view=${builtins['inactive-customers']}&sort=name&dir=desc`, { 'HX-Request': 'true' }))
    expect(narrowed.text.indexOf('Silent Ltd')).toBeLessThan(narrowed.text.indexOf('Quiet Co'))
    expect(narrowed.text).not.toContain('Busy Inc')
  })

  it('answers 404 for a view that is not there for this person', async () => {
    const other = await signUp({ workspace: 'Someone else' })
    const theirs = (await api<{ data: View[] }>(other, 'GET', '/views?entity=accounts')).body.data[0]
    expect((await admin.get(`/accounts?view=${theirs?.id}`)).status).toBe(404)
    expect((await admin.get('/accounts?view=not-a-view')).status).toBe(404)
    // A view of another list is not one of this list's.
    expect((await admin.get(`/contacts?view=${builtins['inactive-customers']}`)).status).toBe(404)
  })

  it('shows a locked view as locked, with no edit link for those who may not change it', async () => {
    const locked = await created<View>(admin, '/views', { entity: 'accounts', name: 'Key accounts', visibility: 'workspace', locked: true, filter: { field: 'status', op: 'equals', value: 'customer' } })
    const nav = sidebar((await html(await manager.get('/accounts'))).text)
    expect(nav).toMatch(new RegExp(`Key accounts</a> <span class="view-count">3[\\s\\S]*?Locked</span>`))
    expect(nav).not.toContain(`/views/${locked.id}/edit`)
    expect(nav).toContain(`/views/${builtins['inactive-customers']}/edit`)
    const page = await html(await manager.get(`/views/${locked.id}/edit`))
    expect(page.text).toContain('This view is locked. Only admins can change it.')
    expect(page.text).not.toContain(`action="/views/${locked.id}"`)
    expect((await manager.post(`/views/${locked.id}`, { name: 'Mine', visibility: 'workspace', filter: '{"and": []}' })).status).toBe(403)
    expect((await manager.post(`/views/${locked.id}/delete`, {})).status).toBe(403)
    expect((await manager.post(`/views/${locked.id}/unlock`, {})).status).toBe(403)
    expect((await admin.post(`/views/${locked.id}/unlock`, {})).status).toBe(303)
    expect((await storedView(locked.id))?.locked).toBe(false)
  })
})

describe('Save as view', () => {
  it('saves the list’s filters and sort as a view and opens it', async () => {
    const page = await html(await admin.get('/accounts?status=customer&sort=name&dir=asc'))
    expect(page.text).toContain('<summary>Save as view</summary>')
    const res = await admin.post('/views', { entity: 'accounts', status: 'customer', sort: 'name', dir: 'asc', createdFrom: '2026-03-01', name: 'Customers A–Z', visibility: 'team' })
    expect(res.status).toBe(303)
    const id = viewIdFrom(res.headers.get('location'))
    expect(res.headers.get('location')).toBe(`/accounts?view=${id}`)
    expect(await storedView(id)).toMatchObject({
      name: 'Customers A–Z',
      visibility: 'team',
      sort: 'name:asc',
      filter: { and: [{ field: 'status', op: 'equals', value: 'customer' }, { field: 'createdAt', op: 'after', value: '2026-02-28' }] },
    })
    const opened = await html(await admin.get(`/accounts?view=${id}`))
    expect(opened.text).toContain('aria-current="page">Customers A–Z</a>')
  })

  it('saves exactly what the list shows: its inclusive date ranges, owner, status and tag', async () => {
    const owner = await signUp({ workspace: 'Same records' })
    const ws = (await me(owner)).workspace.id
    const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:30:00Z`)
    const days = [at('2026-02-28', 23), at('2026-03-01', 0), at('2026-03-15', 12), at('2026-03-31', 23), at('2026-04-01', 0)]
    for (const [i, createdAt] of days.entries()) {
      const { id } = await created<{ id: string }>(owner, '/contacts', { firstName: `C${i}`, status: i % 2 ? 'customer' : 'prospect', tags: i < 3 ? ['vip'] : [] })
      await db.update(contacts).set({ createdAt, lastContactedAt: days[4 - i] }).where(and(eq(contacts.tenantId, ws), eq(contacts.id, id)))
    }
    const vip = /name="tag"[\s\S]*?<option value="([0-9a-f-]{36})">vip</.exec((await html(await owner.get('/contacts'))).text)?.[1] ?? ''
    const filters: Record<string, string>[] = [{ createdFrom: '2026-03-01', createdTo: '2026-03-31' }, { contactedFrom: '2026-03-01', contactedTo: '2026-03-15', owner: 'me' }, { tag: vip, status: 'prospect' }, { owner: 'me', status: 'customer' }]
    for (const f of filters) {
      const listed = (await api<{ data: { id: string }[] }>(owner, 'GET', `/contacts?${new URLSearchParams(f)}`)).body.data.map((c) => c.id)
      expect({ f, some: listed.length > 0 && listed.length < days.length }).toEqual({ f, some: true })
      const saved = await owner.post('/views', { entity: 'contacts', ...f, name: 'Same', visibility: 'personal' })
      const viewed = (await api<{ data: { id: string }[] }>(owner, 'GET', `/views/${viewIdFrom(saved.headers.get('location'))}/records`)).body.data.map((c) => c.id)
      expect({ f, ids: viewed.sort() }).toEqual({ f, ids: listed.sort() })
    }
  })

  it('saves a narrowed view as a new one, combining the two', async () => {
    const res = await admin.post('/views', { entity: 'accounts', view: builtins['inactive-customers'] ?? '', owner: 'none', name: 'Inactive and unowned', visibility: 'personal' })
    const view = await storedView(viewIdFrom(res.headers.get('location')))
    expect(view?.filter).toEqual({ and: [{ field: 'status', op: 'equals', value: 'customer' }, { not: { field: 'lastActivityAt', op: 'withinLastDays', value: 30 } }, { field: 'owner', op: 'empty' }] })
    expect(view?.sort).toBe('lastContacted:asc')
  })

  it('comes back with 422, the name typed and its error, keeping the list’s filters', async () => {
    const plain = await html(await admin.post('/views', { entity: 'accounts', status: 'customer', name: ' ', visibility: 'personal' }))
    expect(plain.status).toBe(422)
    expect(fieldErrorOf(plain.text, 'f-name-view')).toBe('Give the view a name.')
    expect(plain.text).toContain('<input type="hidden" name="status" value="customer"/>')
    const rep = await addMember(admin, 'rep')
    const fragment = await html(await rep.post('/views', { entity: 'accounts', name: 'For everyone', visibility: 'workspace' }, { 'HX-Request': 'true' }))
    expect(fragment.status).toBe(422)
    expect(fragment.text).toMatch(/^<details id="save-view"/)
    expect(fieldErrorOf(fragment.text, 'f-visibility-view')).toBe('Only managers and admins can share a view with the whole workspace.')
    expect(fragment.text).toContain('value="For everyone"')
  })

  it('tells htmx where the new view is, and keeps the save form in step with htmx filter changes', async () => {
    const res = await admin.post('/views', { entity: 'accounts', status: 'prospect', name: 'Prospects', visibility: 'personal' }, { 'HX-Request': 'true' })
    expect(res.status).toBe(204)
    expect(res.headers.get('HX-Redirect')).toMatch(/^\/accounts\?view=[0-9a-f-]{36}$/)
    const fragment = await html(await admin.get('/accounts?status=churned', { 'HX-Request': 'true' }))
    expect(fragment.text).toContain('<details id="save-view" class="save-view" hx-swap-oob="true">')
    expect(fragment.text).toContain('<input type="hidden" name="status" value="churned"/>')
    expect(fragment.text).not.toContain('views-sidebar')
  })

  it('saves task lists with whether done tasks belong in them, and a view shows done tasks when it asks for them', async () => {
    const done = await created<{ id: string }>(admin, '/tasks', { title: 'Already done' })
    await api(admin, 'POST', `/tasks/${done.id}/complete`)
    const open = await admin.post('/views', { entity: 'tasks', status: 'open', name: 'Open tasks', visibility: 'personal' })
    expect((await storedView(viewIdFrom(open.headers.get('location'))))?.filter).toEqual({ and: [{ field: 'completedAt', op: 'empty' }] })
    const all = await admin.post('/views', { entity: 'tasks', status: 'all', name: 'Every task', visibility: 'personal' })
    expect((await html(await admin.get(all.headers.get('location') ?? ''))).text).toContain('Already done')
    expect((await html(await admin.get(open.headers.get('location') ?? ''))).text).not.toContain('Already done')
  })
})

describe("a view's own page", () => {
  it('renames a view and changes its filter, with 422 and the typed values for a bad filter', async () => {
    const view = await created<View>(admin, '/views', { entity: 'contacts', name: 'Subscribers', filter: { field: 'status', op: 'equals', value: 'subscriber' } })
    const edit = await html(await admin.get(`/views/${view.id}/edit`))
    expect(edit.text).toContain('Edit view “Subscribers”')
    expect(edit.text).toContain('&quot;subscriber&quot;')
    const notJson = await html(await admin.post(`/views/${view.id}`, { name: 'Subs', visibility: 'personal', filter: '{"field": "status"' }))
    expect(notJson.status).toBe(422)
    expect(fieldErrorOf(notJson.text, 'f-filter')).toBe('The filter is not valid JSON.')
    expect(notJson.text).toContain('{&quot;field&quot;: &quot;status&quot;')
    const wrong = await html(await admin.post(`/views/${view.id}`, { name: 'Subs', visibility: 'personal', filter: '{"and": [{"field": "status", "op": "equals", "value": "gold"}]}' }))
    expect(wrong.status).toBe(422)
    expect(fieldErrorOf(wrong.text, 'f-filter')).toMatch(/^At and\.0\.value: Use one of: subscriber, prospect, customer, churned\.$/)
    const saved = await admin.post(`/views/${view.id}`, { name: 'Customers', visibility: 'team', filter: '{"field": "status", "op": "equals", "value": "customer"}' })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/contacts?view=${view.id}`)
    expect(await storedView(view.id)).toMatchObject({ name: 'Customers', visibility: 'team', filter: { field: 'status', op: 'equals', value: 'customer' } })
  })

  it('locks and deletes a view', async () => {
    const view = await created<View>(manager, '/views', { entity: 'contacts', name: 'Shared', visibility: 'workspace', filter: { and: [] } })
    const edit = await html(await admin.get(`/views/${view.id}/edit`))
    expect(edit.text).toContain(`action="/views/${view.id}/lock"`)
    expect((await manager.get(`/views/${view.id}/edit`)).status).toBe(200)
    expect((await html(await manager.get(`/views/${view.id}/edit`))).text).not.toContain(`action="/views/${view.id}/lock"`)
    expect((await admin.post(`/views/${view.id}/lock`, {})).status).toBe(303)
    expect((await html(await admin.get(`/views/${view.id}/edit`))).text).toContain('This view is locked: only admins can change or delete it.')
    const deleted = await admin.post(`/views/${view.id}/delete`, {})
    expect(deleted.headers.get('location')).toBe('/contacts')
    expect(await storedView(view.id)).toBeUndefined()
    expect((await admin.get(`/views/${view.id}/edit`)).status).toBe(404)
  })
})
