import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { ORIGIN, addMember, fieldError, inputValue, me, signUp } from '../helpers/auth'
import { api, created, eventsOf } from '../helpers/records'
import type { Lead } from './leads.api.test'

const selected = (html: string, name: string) => new RegExp(`<select[^>]*name="${name.replace('.', '\\.')}"[^>]*>[\\s\\S]*?</select>`).exec(html)?.[0] ?? ''

describe('lead pages', () => {
  it('creates a lead from the form and shows it, with its history loading lazily', async () => {
    const admin = await signUp()
    const res = await admin.post('/leads', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@engines.example', companyName: 'Engines', status: 'contacted', tags: 'hot, emea', source: 'webinar', utmCampaign: 'spring', ownerId: (await me(admin)).userId })
    expect(res.status).toBe(303)
    const path = res.headers.get('location') ?? ''
    const page = await (await admin.get(path)).text()
    expect(page).toContain('Ada Lovelace')
    expect(page).toContain('mailto:ada@engines.example')
    expect(page).toContain('spring')
    expect(page).toContain(`href="${path}/convert"`)
    expect(page).toContain(`hx-get="${path}/timeline"`)
    expect(await (await admin.get(`${path}/timeline`, { 'HX-Request': 'true' })).text()).toContain('created Ada Lovelace')
  })

  it('re-renders new and edit forms with 422, the typed values and field errors', async () => {
    const admin = await signUp()
    const res = await admin.post('/leads', { firstName: '', lastName: '', companyName: '', email: '', website: 'ftp://x', title: 'CTO', utmSource: 'newsletter' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'firstName')).toContain('name, an email address or a company')
    expect(fieldError(html, 'website')).toContain('http')
    expect(inputValue(html, 'title')).toBe('CTO')
    expect(inputValue(html, 'utmSource')).toBe('newsletter')
    const email = await (await admin.post('/leads', { lastName: 'Typo', email: 'not-an-email' })).text()
    expect(fieldError(email, 'email')).toContain('email')
    expect(inputValue(email, 'email')).toBe('not-an-email')

    // The phone is checked when saving (in the workspace's country); that too is a 422 re-render.
    const lead = await created<Lead>(admin, '/leads', { lastName: 'Keep' })
    const edit = await admin.post(`/leads/${lead.id}`, { lastName: 'Kept', phone: '12', status: 'new' })
    expect(edit.status).toBe(422)
    const editHtml = await edit.text()
    expect(fieldError(editHtml, 'phone')).toContain('phone')
    expect(inputValue(editHtml, 'lastName')).toBe('Kept')
    expect((await admin.get(`/leads/${lead.id}/edit`)).status).toBe(200)
  })

  it('lists with filters in the URL, answers htmx with just the results, and pages by cursor', async () => {
    const admin = await signUp()
    for (const lastName of ['Able', 'Baker', 'Charlie']) {
      const lead = await created<Lead>(admin, '/leads', { lastName })
      if (lastName === 'Baker') await api(admin, 'PATCH', `/leads/${lead.id}`, { status: 'unqualified' })
    }
    const open = await (await admin.get('/leads?status=open')).text()
    expect(open).toContain('<html')
    expect(open).toContain('Able')
    expect(open).not.toContain('>Baker<')
    expect(open).toContain('2 leads')
    const fragment = await (await admin.get('/leads?sort=name&limit=2', { 'HX-Request': 'true' })).text()
    expect(fragment).not.toContain('<html')
    expect(fragment).toContain('Able')
    expect(fragment).not.toContain('Charlie')
    const next = /href="(\/leads\?[^"]*cursor=[^"]+)"/.exec(fragment)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toBeTruthy()
    expect(await (await admin.get(next ?? '', { 'HX-Request': 'true' })).text()).toContain('Charlie')
    expect((await admin.get('/leads?status=gone')).status).toBe(422)
    expect(await (await signUp().then((b) => b.get('/leads'))).text()).toContain('No leads yet')
  })

  it('edits status and owner inline and acts in bulk, one event per record changed', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const repMe = await me(rep)
    const tenantId = (await me(admin)).workspace.id
    const a = await created<Lead>(admin, '/leads', { lastName: 'One' })
    const b = await created<Lead>(admin, '/leads', { lastName: 'Two' })
    const inline = await admin.post(`/leads/${a.id}/status`, { status: 'qualified' }, { 'HX-Request': 'true' })
    expect(inline.status).toBe(200)
    expect(JSON.parse(inline.headers.get('hx-trigger') ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })
    expect(await inline.text()).toContain('value="qualified" selected')
    expect((await admin.post(`/leads/${a.id}/status`, { status: 'converted' })).status).toBe(422)
    expect((await admin.post(`/leads/${a.id}/owner`, { ownerId: repMe.userId })).status).toBe(303)
    const body = new URLSearchParams([['ids', a.id], ['ids', b.id], ['action', 'tag'], ['tagName', 'Hot']])
    expect((await request('/leads/bulk', { method: 'POST', body, headers: { Cookie: admin.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })).status).toBe(303)
    expect((await admin.post('/leads/bulk', { ids: b.id, action: 'archive', back: '/leads?status=open' })).headers.get('location')).toBe('/leads?status=open')
    expect((await api<Lead>(admin, 'GET', `/leads/${a.id}`)).body).toMatchObject({ status: 'qualified', ownerId: repMe.userId, tags: ['Hot'] })
    expect((await eventsOf(tenantId, a.id)).map((e) => e.eventType)).toEqual(['created', 'status_changed', 'owner_changed', 'updated'])
    expect((await eventsOf(tenantId, b.id)).map((e) => e.eventType)).toEqual(['created', 'updated', 'archived'])
    expect((await rep.post(`/leads/${a.id}/owner`, { ownerId: repMe.userId })).status).toBe(403)
  })

  it('converts through the form: shows the matches, re-renders a bad deal with 422, then goes to the contact', async () => {
    const admin = await signUp()
    const acme = await created<{ id: string }>(admin, '/accounts', { name: 'Acme', domain: 'acme.example' })
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Wile', lastName: 'Coyote', email: 'wile@acme.example', companyName: 'Acme Rockets' })
    const form = await (await admin.get(`/leads/${lead.id}/convert`)).text()
    expect(form).toContain(`href="/accounts/${acme.id}"`)
    expect(form).toContain('same domain')
    expect(form).toContain('Creates the contact')
    expect(inputValue(form, 'accountId')).toBe(acme.id)
    expect(selected(form, 'opportunity.stage')).toContain('Qualification')

    const bad = await admin.post(`/leads/${lead.id}/convert`, { accountId: acme.id, 'opportunity.name': '', 'opportunity.amount': '12.345', 'opportunity.closeDate': '2027-02-01' })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(fieldError(badHtml, 'opportunity.name')).toContain('required')
    expect(fieldError(badHtml, 'opportunity.amount')).toContain('two decimals')
    expect(inputValue(badHtml, 'opportunity.closeDate')).toBe('2027-02-01')
    expect((await api<Lead>(admin, 'GET', `/leads/${lead.id}`)).body.status).toBe('new')

    const ok = await admin.post(`/leads/${lead.id}/convert`, { accountId: acme.id, 'opportunity.name': 'Rockets', 'opportunity.amount': '99', 'opportunity.stage': '' })
    expect(ok.status).toBe(303)
    const converted = (await api<Lead & { convertedAccountId: string; convertedOpportunityId: string }>(admin, 'GET', `/leads/${lead.id}`)).body
    expect(ok.headers.get('location')).toBe(`/contacts/${converted.convertedContactId}`)
    expect(converted).toMatchObject({ status: 'converted', convertedAccountId: acme.id })
    expect(converted.convertedOpportunityId).toBeTruthy()
    const page = await (await admin.get(`/leads/${lead.id}`)).text()
    expect(page).toContain(`href="/contacts/${converted.convertedContactId}"`)
    expect(page).not.toContain(`href="/leads/${lead.id}/convert"`)
    // Converted is final: the form offers no status, and converting again is a conflict.
    expect(selected(await (await admin.get(`/leads/${lead.id}/edit`)).text(), 'status')).toBe('')
    expect((await admin.post(`/leads/${lead.id}/convert`, {})).status).toBe(409)
  })

  it('hides leads from support: no nav item, 403 for the list, 404 for a lead', async () => {
    const admin = await signUp()
    const support = await addMember(admin, 'support')
    const lead = await created<Lead>(admin, '/leads', { lastName: 'Hidden' })
    expect(await (await admin.get('/')).text()).toContain('href="/leads"')
    expect(await (await support.get('/')).text()).not.toContain('href="/leads"')
    expect((await support.get('/leads')).status).toBe(403)
    expect((await support.get(`/leads/${lead.id}`)).status).toBe(404)
    expect((await support.get(`/leads/${lead.id}/timeline`)).status).toBe(404)
    expect((await support.get(`/leads/${lead.id}/convert`)).status).toBe(403)
    expect((await support.post('/leads', { lastName: 'Nope' })).status).toBe(403)
  })
})
