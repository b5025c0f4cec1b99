import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { ORIGIN, addMember, fieldError, inputValue, me, signUp } from '../helpers/auth'
import { api, created, eventsOf } from '../helpers/records'

type Account = { id: string; name: string; ownerId: string | null; status: string; tags: string[]; archivedAt: string | null }

describe('account pages', () => {
  it('creates an account from the form and shows it, with its history loading lazily', async () => {
    const admin = await signUp()
    const res = await admin.post('/accounts', { name: 'Globex', website: 'https://globex.example.com', status: 'customer', tags: 'VIP, emea', ownerId: (await me(admin)).userId })
    expect(res.status).toBe(303)
    const path = res.headers.get('location') ?? ''
    const page = await (await admin.get(path)).text()
    expect(page).toContain('Globex')
    expect(page).toContain('globex.example.com')
    expect(page).toContain(`hx-get="${path}/timeline"`)
    const history = await (await admin.get(`${path}/timeline`, { 'HX-Request': 'true' })).text()
    expect(history).toContain('created Globex')
  })

  it('re-renders the form with 422, the typed values and field errors', async () => {
    const admin = await signUp()
    const res = await admin.post('/accounts', { name: '', domain: 'no spaces allowed', industry: 'Aerospace', website: 'ftp://x' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'name')).toContain('required')
    expect(fieldError(html, 'domain')).toContain('domain')
    expect(fieldError(html, 'website')).toContain('http')
    expect(inputValue(html, 'industry')).toBe('Aerospace')
    expect(inputValue(html, 'domain')).toBe('no spaces allowed')
  })

  it('lists with filters in the URL, answers htmx with just the results, and pages by cursor', async () => {
    const admin = await signUp()
    for (const name of ['Able', 'Baker', 'Charlie']) await created(admin, '/accounts', { name, status: name === 'Baker' ? 'churned' : 'prospect' })
    const full = await (await admin.get('/accounts?status=churned')).text()
    expect(full).toContain('<html')
    expect(full).toContain('Baker')
    expect(full).not.toContain('>Able<')
    const fragment = await (await admin.get('/accounts?sort=name&limit=2', { 'HX-Request': 'true' })).text()
    expect(fragment).not.toContain('<html')
    expect(fragment).toContain('Able')
    expect(fragment).not.toContain('Charlie')
    const next = /href="(\/accounts\?[^"]*cursor=[^"]+)"/.exec(fragment)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toBeTruthy()
    const second = await (await admin.get(next ?? '', { 'HX-Request': 'true' })).text()
    expect(second).toContain('Charlie')
    expect(second).not.toContain('>Able<')
    expect(await (await admin.get('/accounts?status=gone')).text()).toContain('status')
  })

  it('edits status and owner inline, bulk-assigns and archives, writing one event per record changed', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const repMe = await me(rep)
    const tenantId = (await me(admin)).workspace.id
    const a = await created<Account>(admin, '/accounts', { name: 'One' })
    const b = await created<Account>(admin, '/accounts', { name: 'Two' })
    const inline = await admin.post(`/accounts/${a.id}/status`, { status: 'customer' }, { 'HX-Request': 'true' })
    expect(inline.status).toBe(200)
    expect(JSON.parse(inline.headers.get('hx-trigger') ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })
    expect(await inline.text()).toContain('value="customer" selected')
    expect((await admin.post('/accounts/bulk', { ids: a.id, action: 'assign', ownerId: repMe.userId, back: '/accounts?status=customer' })).headers.get('location')).toBe('/accounts?status=customer')
    const body = new URLSearchParams([['ids', a.id], ['ids', b.id], ['action', 'tag'], ['tagName', 'Hot']])
    expect((await request('/accounts/bulk', { method: 'POST', body, headers: { Cookie: admin.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })).status).toBe(303)
    expect((await admin.post('/accounts/bulk', { ids: b.id, action: 'archive' })).status).toBe(303)
    expect((await api<Account>(admin, 'GET', `/accounts/${a.id}`)).body).toMatchObject({ status: 'customer', ownerId: repMe.userId, tags: ['Hot'] })
    expect((await api<Account>(admin, 'GET', `/accounts/${b.id}`)).body.archivedAt).not.toBeNull()
    expect((await eventsOf(tenantId, a.id)).map((e) => e.eventType)).toEqual(['created', 'status_changed', 'owner_changed', 'updated'])
    expect((await eventsOf(tenantId, b.id)).map((e) => e.eventType)).toEqual(['created', 'updated', 'archived'])
    // A rep cannot assign owners, in bulk or inline.
    expect((await rep.post('/accounts/bulk', { ids: a.id, action: 'assign', ownerId: repMe.userId })).status).toBe(403)
    expect((await rep.post(`/accounts/${a.id}/owner`, { ownerId: repMe.userId })).status).toBe(403)
  })
})
