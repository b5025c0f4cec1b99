import { describe, expect, it } from 'vitest'
import { addMember, fieldError, inputValue, me, signUp } from '../helpers/auth'
import { api, created, eventsOf, setVisibility } from '../helpers/records'
import { leadsOf } from './fixtures'

type Lead = { id: string; firstName: string | null; lastName: string | null; email: string | null; title: string | null; ownerId: string | null }

const check = (who: Awaited<ReturnType<typeof signUp>>, path: string, q: Record<string, string>) => who.get(`${path}?${new URLSearchParams(q)}`, { 'HX-Request': 'true' }).then(async (r) => ({ status: r.status, html: await r.text() }))

describe('POST /leads with a person we already have', () => {
  it('adds the new details to the existing lead and says so, instead of making a second one', async () => {
    const admin = await signUp()
    const who = await me(admin)
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Ada', email: 'ada@engines.example' })
    const res = await admin.post('/leads', { firstName: 'Augusta', lastName: 'Lovelace', email: 'ADA@engines.example', title: 'Countess' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/leads/${lead.id}?flash=lead-exists-email`)
    const page = await (await admin.get(res.headers.get('Location') ?? '')).text()
    expect(page).toContain('A lead with this email already exists — we added the new details to it.')

    expect((await leadsOf(who.workspace.id)).length).toBe(1)
    const after = (await api<Lead>(admin, 'GET', `/leads/${lead.id}`)).body
    expect(after).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', title: 'Countess' })
    const [, updated] = await eventsOf(who.workspace.id, lead.id)
    expect(updated).toMatchObject({ eventType: 'updated', actorUserId: who.userId, payload: { changes: { lastName: { from: null, to: 'Lovelace' }, title: { from: null, to: 'Countess' } } } })
  })

  it('sends a person a contact already has to that contact', async () => {
    const admin = await signUp()
    const contact = await created<{ id: string }>(admin, '/contacts', { firstName: 'Grace', phone: '+1 213 373 4253' })
    const res = await admin.post('/leads', { firstName: 'Grace', phone: '(213) 373-4253', companyName: 'Navy' })
    expect(res.headers.get('Location')).toBe(`/contacts/${contact.id}?flash=contact-exists-phone`)
    expect(await (await admin.get(res.headers.get('Location') ?? '')).text()).toContain('A contact with this phone number already exists')
  })

  it('refuses, on the field, to add to a lead the rep cannot see, and keeps what they typed', async () => {
    const admin = await signUp()
    const who = await me(admin)
    await setVisibility(who.workspace.id, 'own')
    const rep = await addMember(admin, 'rep')
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Peter', email: 'peter@initech.example' })
    const res = await rep.post('/leads', { firstName: 'Pete', email: 'peter@initech.example', title: 'Engineer' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'email')).toContain('already exists, owned by someone else')
    expect(inputValue(html, 'title')).toBe('Engineer')
    expect((await api<Lead>(admin, 'GET', `/leads/${lead.id}`)).body).toMatchObject({ firstName: 'Peter', title: null })
  })
})

describe('POST /contacts with a person we already have', () => {
  it('adds to the existing contact and says so', async () => {
    const admin = await signUp()
    const contact = await created<{ id: string }>(admin, '/contacts', { firstName: 'Marie', email: 'marie@curie.example' })
    const res = await admin.post('/contacts', { firstName: 'Maria', lastName: 'Curie', email: 'Marie@Curie.example' })
    expect(res.headers.get('Location')).toBe(`/contacts/${contact.id}?flash=contact-exists-email`)
    expect((await api<{ firstName: string; lastName: string }>(admin, 'GET', `/contacts/${contact.id}`)).body).toMatchObject({ firstName: 'Marie', lastName: 'Curie' })
    expect((await api<{ data: unknown[] }>(admin, 'GET', '/contacts')).body.data).toHaveLength(1)
  })
})

describe('PATCH and edit: an email another lead has', () => {
  it('is a field error, never a 500', async () => {
    const admin = await signUp()
    await created<Lead>(admin, '/leads', { firstName: 'Bill', email: 'bill@initech.example', phone: '+1 213 373 4253' })
    const other = await created<Lead>(admin, '/leads', { firstName: 'Sam', email: 'sam@initech.example' })
    const byEmail = await api<{ errors: { path: string; message: string }[] }>(admin, 'PATCH', `/leads/${other.id}`, { email: 'BILL@initech.example' })
    expect(byEmail.status).toBe(422)
    expect(byEmail.body.errors).toEqual([{ path: 'email', message: 'Another lead has this email.' }])
    const byPhone = await api<{ errors: { path: string }[] }>(admin, 'PATCH', `/leads/${other.id}`, { phone: '(213) 373-4253' })
    expect(byPhone.body.errors).toEqual([{ path: 'phone', message: 'Another lead has this phone number.' }])
    const form = await admin.post(`/leads/${other.id}`, { firstName: 'Sam', email: 'bill@initech.example' })
    expect(form.status).toBe(422)
    expect(fieldError(await form.text(), 'email')).toBe('Another lead has this email.')
  })
})

describe('GET /leads/duplicates/check (the inline warning)', () => {
  it('names the lead or contact that has the email or phone, or a similar name, and nothing otherwise', async () => {
    const admin = await signUp()
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@engines.example', companyName: 'Engines' })
    const contact = await created<{ id: string }>(admin, '/contacts', { firstName: 'Grace', lastName: 'Hopper', phone: '+1 213 373 4253' })

    const form = await (await admin.get('/leads/new')).text()
    expect(form).toMatch(/id="duplicate-warning"[^>]*aria-live="polite"[^>]*hx-get="\/leads\/duplicates\/check"/)
    expect(form).toContain('input changed delay:300ms')

    const byEmail = await check(admin, '/leads/duplicates/check', { email: ' ADA@engines.example' })
    expect(byEmail.html).toContain(`Possible duplicate: <a href="/leads/${lead.id}">Ada Lovelace</a> (same email)`)
    const byPhone = await check(admin, '/leads/duplicates/check', { phone: '(213) 373-4253' })
    expect(byPhone.html).toContain(`<a href="/contacts/${contact.id}">Grace Hopper</a> (contact, same phone)`)
    const byName = await check(admin, '/leads/duplicates/check', { firstName: 'Ada', lastName: 'Lovelac', companyName: 'engines' })
    expect(byName.html).toContain(`<a href="/leads/${lead.id}">Ada Lovelace</a> (similar name)`)
    expect((await check(admin, '/leads/duplicates/check', { email: 'someone@else.example', firstName: 'Zoe' })).html).toBe('')
    expect((await check(admin, '/contacts/duplicates/check', { email: 'ada@engines.example' })).html).toBe('')
    expect((await check(admin, '/contacts/duplicates/check', { phone: '+12133734253' })).html).toContain(`/contacts/${contact.id}`)
  })

  it('tells a rep in "own" mode that the address is taken, without naming or linking a record they cannot see', async () => {
    const admin = await signUp()
    const who = await me(admin)
    await setVisibility(who.workspace.id, 'own')
    const rep = await addMember(admin, 'rep')
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Secret', lastName: 'Person', email: 'secret@initech.example' })
    const res = await check(rep, '/leads/duplicates/check', { email: 'secret@initech.example', firstName: 'Secret', lastName: 'Person' })
    expect(res.html).toContain('A lead with this email already exists (owned by someone else).')
    expect(res.html).not.toContain(lead.id)
    expect(res.html).not.toContain('Secret')
    // A similar name alone is not mentioned at all.
    expect((await check(rep, '/leads/duplicates/check', { firstName: 'Secret', lastName: 'Person' })).html).toBe('')
  })

  it('never reveals another workspace’s records', async () => {
    const a = await signUp()
    const b = await signUp()
    await created<Lead>(a, '/leads', { firstName: 'Only', lastName: 'Inside', email: 'only@a.example' })
    expect((await check(b, '/leads/duplicates/check', { email: 'only@a.example', firstName: 'Only', lastName: 'Inside' })).html).toBe('')
    // And b can create the same person as a lead of its own.
    expect((await api(b, 'POST', '/leads', { firstName: 'Only', email: 'only@a.example' })).status).toBe(201)
  })
})
