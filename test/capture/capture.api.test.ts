import '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { contactsApi } from '../../src/handlers/contacts/contacts.api'
import { leadsApi } from '../../src/handlers/leads/leads.api'
import { me, signUp } from '../helpers/auth'
import { api, created } from '../helpers/records'
import { candidatesOf, leadsOf } from './fixtures'

type Lead = { id: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null; companyName: string | null; duplicate?: boolean }
type Contact = { id: string; firstName: string | null; lastName: string | null; title: string | null; duplicate?: boolean }

describe('POST /api/v1/leads with an exact duplicate', () => {
  it('answers 200 with the existing lead, "duplicate": true, and its empty fields filled', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Ada', email: 'ada@engines.example' })
    const again = await api<Lead>(admin, 'POST', '/leads', { firstName: 'Augusta', lastName: 'Lovelace', email: ' Ada@Engines.example', companyName: 'Engines' })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: lead.id, duplicate: true, firstName: 'Ada', lastName: 'Lovelace', companyName: 'Engines' })
    // Matched on the phone, when the email is new: the lead keeps its own email.
    await api(admin, 'PATCH', `/leads/${lead.id}`, { phone: '+1 213 373 4253' })
    const byPhone = await api<Lead>(admin, 'POST', '/leads', { email: 'countess@engines.example', phone: '(213) 373-4253' })
    expect(byPhone.body).toMatchObject({ id: lead.id, duplicate: true, email: 'ada@engines.example' })
    expect(await leadsOf(tenantId)).toHaveLength(1)
  })

  it('sends a person a contact already has to that contact: 200 with { duplicate, contact }', async () => {
    const admin = await signUp()
    const contact = await created<Contact>(admin, '/contacts', { firstName: 'Marie', email: 'marie@curie.example' })
    const res = await api<{ duplicate: boolean; contact: Contact }>(admin, 'POST', '/leads', { lastName: 'Curie', email: 'MARIE@curie.example' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ duplicate: true, contact: { id: contact.id, firstName: 'Marie', lastName: 'Curie' } })
  })

  it('still creates (201) a lead whose name is only similar, and lists it for duplicate review', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const older = await created<Lead>(admin, '/leads', { firstName: 'Jonathan', lastName: 'Smithson', companyName: 'Initech' })
    const newer = await created<Lead>(admin, '/leads', { firstName: 'Jonathon', lastName: 'Smithson', companyName: 'Initech' })
    expect(newer.duplicate).toBeUndefined()
    expect((await candidatesOf(tenantId)).map((c) => [c.recordId, c.otherId])).toEqual([[newer.id, older.id]])
  })
})

describe('POST /api/v1/contacts with an exact duplicate', () => {
  it('answers 200 with the existing contact and "duplicate": true', async () => {
    const admin = await signUp()
    const contact = await created<Contact>(admin, '/contacts', { firstName: 'Grace', phone: '+1 213 373 4253' })
    const again = await api<Contact>(admin, 'POST', '/contacts', { firstName: 'G.', lastName: 'Hopper', title: 'Rear Admiral', phone: '213-373-4253' })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: contact.id, duplicate: true, firstName: 'Grace', lastName: 'Hopper', title: 'Rear Admiral' })
    expect((await api<{ data: unknown[] }>(admin, 'GET', '/contacts')).body.data).toHaveLength(1)
  })

  it('creates a contact whose email another workspace has', async () => {
    const a = await signUp()
    const b = await signUp()
    await created<Contact>(a, '/contacts', { firstName: 'Same', email: 'same@example.test' })
    expect((await api(b, 'POST', '/contacts', { firstName: 'Same', email: 'same@example.test' })).status).toBe(201)
  })
})

describe('the OpenAPI document', () => {
  it('documents the 200 "duplicate" answer of both creates', () => {
    const info = { openapi: '3.1.0', info: { title: 'x', version: '1' } }
    const leadCreate = leadsApi.getOpenAPI31Document(info).paths?.['/leads']?.post
    expect(Object.keys(leadCreate?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201']))
    expect(JSON.stringify(leadCreate?.responses?.['200'])).toContain('duplicate')
    const contactCreate = contactsApi.getOpenAPI31Document(info).paths?.['/contacts']?.post
    expect(Object.keys(contactCreate?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201']))
  })
})
