// First: @hono/zod-openapi adds .openapi() to zod schemas created after it loads, and this file
// loads domain schemas (through the query modules) before the app would.
import '@hono/zod-openapi'
import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loadConversion, writeConversion } from '../../src/db/queries/lead-conversion'
import { listPipelinesWithStages } from '../../src/db/queries/pipelines'
import { accounts, activityEvents, contacts, customerStatusHistory, leads, opportunities } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { api, created, eventsOf, type Problem } from '../helpers/records'
import type { Lead } from './leads.api.test'

const db = testDb()

type Converted = { contactId: string; accountId: string | null; opportunityId: string | null }

const convert = (who: Browser, id: string, body: unknown = {}) => api<Converted & Problem>(who, 'POST', `/leads/${id}/convert`, body)

// Everything a failed conversion must not leave behind, per workspace.
async function footprint(tenantId: string) {
  const [c, a, o, e] = await Promise.all([
    db.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, tenantId)),
    db.select({ id: accounts.id }).from(accounts).where(eq(accounts.tenantId, tenantId)),
    db.select({ id: opportunities.id }).from(opportunities).where(eq(opportunities.tenantId, tenantId)),
    db.select({ id: activityEvents.id }).from(activityEvents).where(eq(activityEvents.tenantId, tenantId)),
  ])
  return { contacts: c.length, accounts: a.length, opportunities: o.length, events: e.length }
}

const rowOf = async <T>(rows: Promise<T[]>): Promise<T> => {
  const [row] = await rows
  if (!row) throw new Error('row not found')
  return row
}

describe('POST /api/v1/leads/:id/convert', () => {
  it('creates a contact, an account and an opportunity, with one event on each and the lead marked converted', async () => {
    const admin = await signUp({ workspace: 'Conversion' })
    const who = await me(admin)
    const rep = await me(await addMember(admin, 'rep'))
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@cobol.example', phone: '+44 20 7946 0958', companyName: 'Cobol Inc', website: 'https://cobol.example', ownerId: rep.userId })
    const res = await convert(admin, lead.id, { opportunity: { name: 'Compiler licences', amount: '1200.50', closeDate: '2027-01-31' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { contactId, accountId, opportunityId } = res.body
    expect(accountId && opportunityId).toBeTruthy()

    const contact = await rowOf(db.select().from(contacts).where(and(eq(contacts.tenantId, who.workspace.id), eq(contacts.id, contactId))))
    expect(contact).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', emailNormalized: 'grace@cobol.example', phoneE164: '+442079460958', accountId, ownerId: rep.userId, createdBy: who.userId })
    const account = await rowOf(db.select().from(accounts).where(and(eq(accounts.tenantId, who.workspace.id), eq(accounts.id, accountId ?? ''))))
    expect(account).toMatchObject({ name: 'Cobol Inc', domain: 'cobol.example', website: 'https://cobol.example', ownerId: rep.userId })
    const [first] = (await listPipelinesWithStages(db, who.workspace.id))[0]?.stages ?? []
    const deal = await rowOf(db.select().from(opportunities).where(and(eq(opportunities.tenantId, who.workspace.id), eq(opportunities.id, opportunityId ?? ''))))
    expect(deal).toMatchObject({ name: 'Compiler licences', amount: '1200.50', currency: 'USD', stageId: first?.id, probability: first?.probability, closeDate: '2027-01-31', accountId, contactId, ownerId: rep.userId, status: 'open' })

    const after = (await api<Lead>(admin, 'GET', `/leads/${lead.id}`)).body
    expect(after).toMatchObject({ status: 'converted', convertedContactId: contactId, convertedAccountId: accountId, convertedOpportunityId: opportunityId })
    expect(after.convertedAt).not.toBeNull()

    const leadEvents = await eventsOf(who.workspace.id, lead.id)
    expect(leadEvents.map((e) => [e.eventType, e.payload])).toEqual([
      ['created', { name: 'Grace Hopper' }],
      ['converted', { contactId, accountId, opportunityId }],
    ])
    for (const [id, name] of [[contactId, 'Grace Hopper'], [accountId, 'Cobol Inc'], [opportunityId, 'Compiler licences']] as const) {
      expect((await eventsOf(who.workspace.id, id ?? '')).map((e) => [e.eventType, e.payload])).toEqual([['created', { name }]])
    }
    const history = await db.select().from(customerStatusHistory).where(and(eq(customerStatusHistory.tenantId, who.workspace.id), inArray(customerStatusHistory.entityId, [lead.id, opportunityId ?? ''])))
    expect(history.map((h) => [h.entityType, h.field, h.fromValue, h.toValue]).sort()).toEqual([
      ['lead', 'status', 'new', 'converted'],
      ['opportunity', 'stage', null, first?.id],
    ])
  })

  it('attaches an existing account matched by domain and a contact matched by email, linking the contact to it', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const acme = await created<{ id: string }>(admin, '/accounts', { name: 'Acme Corporation', website: 'https://www.acme.example' })
    // The lead first: a lead created after the contact would be added to the contact instead.
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Jo', email: 'jo@ACME.example', companyName: 'ACME' })
    const jo = await created<{ id: string }>(admin, '/contacts', { firstName: 'Jo', email: 'JO@acme.example' })
    const before = await footprint(tenantId)
    const res = await convert(admin, lead.id)
    expect(res.body).toEqual({ contactId: jo.id, accountId: acme.id, opportunityId: null })
    expect(await footprint(tenantId)).toEqual({ ...before, events: before.events + 3 })
    const linked = await rowOf(db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, jo.id))))
    expect(linked.accountId).toBe(acme.id)
    const refs = { leadId: lead.id, contactId: jo.id, accountId: acme.id, opportunityId: null }
    expect((await eventsOf(tenantId, acme.id)).map((e) => [e.eventType, e.payload]).at(-1)).toEqual(['converted', refs])
    expect((await eventsOf(tenantId, jo.id)).map((e) => [e.eventType, e.payload]).at(-1)).toEqual(['converted', { ...refs, changes: { accountId: { from: null, to: acme.id } } }])
  })

  it('matches an account by name when domains do not help, and makes none for a lead without a company', async () => {
    const admin = await signUp()
    const globex = await created<{ id: string }>(admin, '/accounts', { name: 'Globex' })
    const byName = await created<Lead>(admin, '/leads', { lastName: 'Scorpio', email: 'hank@gmail.com', companyName: ' globex ' })
    expect((await convert(admin, byName.id)).body.accountId).toBe(globex.id)
    const solo = await created<Lead>(admin, '/leads', { lastName: 'Solo', email: 'solo@gmail.com' })
    const res = await convert(admin, solo.id)
    expect(res.status).toBe(200)
    expect(res.body.accountId).toBeNull()
  })

  it('attaches the account and contact the request names', async () => {
    const admin = await signUp()
    const named = await created<{ id: string }>(admin, '/accounts', { name: 'Named Ltd' })
    await created<{ id: string }>(admin, '/accounts', { name: 'Initech', domain: 'initech.example' })
    const contact = await created<{ id: string }>(admin, '/contacts', { lastName: 'Lumbergh' })
    const lead = await created<Lead>(admin, '/leads', { lastName: 'Lumbergh', email: 'bill@initech.example', companyName: 'Initech' })
    expect((await convert(admin, lead.id, { accountId: named.id, contactId: contact.id })).body).toEqual({ contactId: contact.id, accountId: named.id, opportunityId: null })
  })

  it('refuses to convert a lead twice (409), and of two simultaneous conversions exactly one wins', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const lead = await created<Lead>(admin, '/leads', { lastName: 'Twice', companyName: 'Twice Co' })
    expect((await convert(admin, lead.id)).status).toBe(200)
    const again = await convert(admin, lead.id)
    expect(again.status).toBe(409)
    // Converted is final; the lead's other fields stay editable.
    expect((await api<Problem>(admin, 'PATCH', `/leads/${lead.id}`, { status: 'qualified' })).body.errors?.map((e) => e.path)).toEqual(['status'])
    expect((await api<Lead>(admin, 'PATCH', `/leads/${lead.id}`, { title: 'Buyer' })).body).toMatchObject({ status: 'converted', title: 'Buyer' })

    const race = await created<Lead>(admin, '/leads', { lastName: 'Race', email: 'race@race.example', companyName: 'Race Co' })
    const before = await footprint(tenantId)
    const results = await Promise.all([convert(admin, race.id), convert(admin, race.id), convert(admin, race.id)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
    // One contact and one account, one event each plus the lead's one.
    expect(await footprint(tenantId)).toEqual({ ...before, contacts: before.contacts + 1, accounts: before.accounts + 1, events: before.events + 3 })
  })

  it('leaves nothing behind when a write of the batch fails midway', async () => {
    const admin = await signUp()
    const who = await me(admin)
    const other = await me(await signUp())
    const viewer = { userId: who.userId, role: who.role, visibility: 'all' as const }
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Ada', email: 'ada@engines.example', companyName: 'Engines' })
    const before = await footprint(who.workspace.id)
    // A plan that passed its lookups, then meets a stage that is not this workspace's: the
    // account and contact inserts before the deal must roll back with it.
    const { lead: row, plan } = await loadConversion(db, who.workspace.id, viewer, lead.id, { opportunity: { name: 'Deal' } })
    const foreign = (await listPipelinesWithStages(db, other.workspace.id))[0]?.stages[0]
    if (!plan.opportunity || !foreign) throw new Error('setup')
    plan.opportunity.values.stageId = foreign.id
    await expect(writeConversion(db, who.workspace.id, viewer, row, plan)).rejects.toThrow()
    expect(await footprint(who.workspace.id)).toEqual(before)
    expect((await api<Lead>(admin, 'GET', `/leads/${lead.id}`)).body).toMatchObject({ status: 'new', convertedAt: null, convertedContactId: null })
    expect(await db.select().from(customerStatusHistory).where(and(eq(customerStatusHistory.tenantId, who.workspace.id), eq(customerStatusHistory.entityId, lead.id)))).toEqual([])

    // Through the API the same stage is a 422 naming the field, and again nothing is written.
    const res = await convert(admin, lead.id, { opportunity: { name: 'Deal', stage: foreign.id } })
    expect(res.status).toBe(422)
    expect(res.body.errors?.map((e) => e.path)).toEqual(['opportunity.stage'])
    expect(await footprint(who.workspace.id)).toEqual(before)
    // And the lead still converts afterwards.
    expect((await convert(admin, lead.id)).status).toBe(200)
  })

  it('aborts every write when the lead changed after the lookups, as a 409', async () => {
    const admin = await signUp()
    const who = await me(admin)
    const viewer = { userId: who.userId, role: who.role, visibility: 'all' as const }
    const lead = await created<Lead>(admin, '/leads', { firstName: 'Late', companyName: 'Late Ltd' })
    const { lead: row, plan } = await loadConversion(db, who.workspace.id, viewer, lead.id, { opportunity: { name: 'Deal' } })
    await api(admin, 'PATCH', `/leads/${lead.id}`, { title: 'Changed meanwhile' })
    const before = await footprint(who.workspace.id)
    await expect(writeConversion(db, who.workspace.id, viewer, row, plan)).rejects.toMatchObject({ status: 409 })
    expect(await footprint(who.workspace.id)).toEqual(before)
    expect((await api<Lead>(admin, 'GET', `/leads/${lead.id}`)).body.status).toBe('new')
  })

  it('rejects an unknown field, a bad deal and a stage of another pipeline with 422', async () => {
    const admin = await signUp()
    const lead = await created<Lead>(admin, '/leads', { lastName: 'Strict' })
    expect((await convert(admin, lead.id, { status: 'converted' })).body.errors?.map((e) => e.path)).toEqual(['status'])
    expect((await convert(admin, lead.id, { opportunity: { amount: -1 } })).body.errors?.map((e) => e.path).sort()).toEqual(['opportunity.amount', 'opportunity.name'])
    expect((await convert(admin, lead.id, { opportunity: { name: 'X', pipelineId: crypto.randomUUID() } })).body.errors?.map((e) => e.path)).toEqual(['opportunity.pipelineId'])
    const converted = await db.select({ status: leads.status }).from(leads).where(eq(leads.id, lead.id))
    expect(converted[0]?.status).toBe('new')
  })
})
