import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { captureLead } from '../../src/db/queries/lead-capture'
import { activityEvents, contacts, formSubmissions, leads, tenants } from '../../src/db/schema'
import { candidatesOf, db, eventTypes, leadsOf, onServer, submissionsOf, submit, workspaceWithForm } from './fixtures'

describe('captureLead: exact duplicates', () => {
  it('attaches repeated submissions of one email to one lead, with an event and a submission row each', async () => {
    const ws = await workspaceWithForm()
    const first = await submit(ws, { firstName: 'Ada', email: 'ada@engines.example' })
    expect(first).toMatchObject({ outcome: 'created', contactId: null, ownerId: ws.userId })
    const again = await submit(ws, { email: ' ADA@Engines.example ', lastName: 'Lovelace' })
    const third = await submit(ws, { email: 'ada@engines.example', firstName: 'Augusta' })
    expect(again).toMatchObject({ outcome: 'attached', leadId: first.leadId, matchedBy: 'email' })
    expect(third).toMatchObject({ outcome: 'attached', leadId: first.leadId })

    const [lead, ...more] = await leadsOf(ws.tenantId)
    expect(more).toEqual([])
    // Empty fields are filled; a filled one (the first name) keeps its value.
    expect(lead).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@engines.example' })
    expect(await eventTypes(ws.tenantId, lead!.id)).toEqual(['created', 'form_submitted', 'form_submitted', 'form_submitted'])
    const subs = await submissionsOf(ws.tenantId)
    expect(subs.map((s) => [s.outcome, s.leadId])).toEqual([
      ['created', lead!.id],
      ['attached', lead!.id],
      ['attached', lead!.id],
    ])
    const [event] = await db.select().from(activityEvents).where(and(eq(activityEvents.tenantId, ws.tenantId), eq(activityEvents.eventType, 'form_submitted'))).limit(1)
    expect(event?.payload).toMatchObject({ formId: ws.formId, form: 'Contact us', values: { firstName: 'Ada', email: 'ada@engines.example' } })
  })

  it('matches on the phone in E.164, read in the workspace country', async () => {
    const ws = await workspaceWithForm()
    const first = await submit(ws, { firstName: 'Grace', phone: '(213) 373-4253' })
    const again = await submit(ws, { phone: '+1 213 373 4253', email: 'grace@navy.example', companyName: 'Navy' })
    expect(again).toMatchObject({ outcome: 'attached', leadId: first.leadId, matchedBy: 'phone' })
    const [lead, ...more] = await leadsOf(ws.tenantId)
    expect(more).toEqual([])
    expect(lead).toMatchObject({ phone: '(213) 373-4253', email: 'grace@navy.example', emailNormalized: 'grace@navy.example', companyName: 'Navy', companyDomain: 'navy.example' })
  })

  it('attaches to a contact with that email instead of making a lead', async () => {
    const ws = await workspaceWithForm()
    const contactId = crypto.randomUUID()
    await db.insert(contacts).values({ tenantId: ws.tenantId, id: contactId, firstName: 'Marie', email: 'Marie@Curie.example', emailNormalized: 'marie@curie.example' })
    const result = await submit(ws, { email: 'marie@curie.example', lastName: 'Curie', title: 'Physicist' })
    expect(result).toMatchObject({ outcome: 'attached', leadId: null, contactId })
    expect(await leadsOf(ws.tenantId)).toEqual([])
    const [contact] = await db.select().from(contacts).where(and(eq(contacts.tenantId, ws.tenantId), eq(contacts.id, contactId)))
    expect(contact).toMatchObject({ firstName: 'Marie', lastName: 'Curie', title: 'Physicist' })
    expect(await eventTypes(ws.tenantId, contactId)).toEqual(['form_submitted'])
    expect((await submissionsOf(ws.tenantId)).map((s) => [s.outcome, s.contactId, s.leadId])).toEqual([['attached', contactId, null]])
  })

  it('re-opens an archived lead that comes back', async () => {
    const ws = await workspaceWithForm()
    const first = await submit(ws, { firstName: 'Wile', email: 'wile@acme.example' })
    await db.update(leads).set({ archivedAt: new Date() }).where(and(eq(leads.tenantId, ws.tenantId), eq(leads.id, first.leadId!)))
    expect(await submit(ws, { email: 'wile@acme.example' })).toMatchObject({ outcome: 'attached', leadId: first.leadId })
    const [lead] = await leadsOf(ws.tenantId)
    expect(lead?.archivedAt).toBeNull()
    expect(await eventTypes(ws.tenantId, first.leadId!)).toEqual(['created', 'form_submitted', 'form_submitted', 'restored'])
  })

  it('keeps one lead per workspace: the same email in two workspaces makes two leads', async () => {
    const a = await workspaceWithForm('Capture A')
    const b = await workspaceWithForm('Capture B')
    const inA = await submit(a, { email: 'shared@example.test' })
    const inB = await submit(b, { email: 'shared@example.test' })
    expect([inA.outcome, inB.outcome]).toEqual(['created', 'created'])
    expect(inA.leadId).not.toBe(inB.leadId)
    // A contact in another workspace is no match either.
    await db.insert(contacts).values({ tenantId: b.tenantId, firstName: 'Other', email: 'only-b@example.test', emailNormalized: 'only-b@example.test' })
    expect((await submit(a, { email: 'only-b@example.test' })).outcome).toBe('created')
  })
})

describe('captureLead: owner and timeline', () => {
  it('lets routing choose the owner of a new lead when the form fixes none; an attach keeps the owner', async () => {
    const ws = await workspaceWithForm()
    await db.update(tenants).set({ defaultLeadOwnerId: ws.userId }).where(eq(tenants.id, ws.tenantId))
    const routed = await submit(ws, { email: 'routed@example.test' }, { ownerId: undefined })
    expect(routed).toMatchObject({ outcome: 'created', ownerId: ws.userId })
    expect((await leadsOf(ws.tenantId))[0]?.ownerId).toBe(ws.userId)
    expect(await submit(ws, { email: 'routed@example.test' }, { ownerId: undefined })).toMatchObject({ outcome: 'attached', ownerId: ws.userId })
  })

  it('shows a submission on the lead’s timeline with the form’s name and the values sent', async () => {
    const ws = await workspaceWithForm()
    const { leadId } = await submit(ws, { firstName: 'Ada', email: 'ada@engines.example', custom: { budget: '10k' } })
    const html = await (await ws.admin.get(`/leads/${leadId}/timeline`)).text()
    expect(html).toContain('Submitted the form “Contact us”')
    expect(html).toMatch(/<dt>First name<\/dt>\s*<dd>Ada<\/dd>/)
    expect(html).toMatch(/<dt>Budget<\/dt>\s*<dd>10k<\/dd>/)
  })
})

describe('captureLead: possible duplicates', () => {
  it('creates a lead with a similar name at the same company and flags it for review', async () => {
    const ws = await workspaceWithForm()
    const older = await submit(ws, { firstName: 'Jonathan', lastName: 'Smithson', companyName: 'Initech', email: 'jon@initech.example' })
    const newer = await submit(ws, { firstName: 'Jonathon', lastName: 'Smithson', companyName: 'INITECH ', email: 'jonathon.s@gmail.com' })
    expect(newer.outcome).toBe('flagged')
    expect(newer.leadId).not.toBe(older.leadId)
    const [candidate, ...more] = await candidatesOf(ws.tenantId)
    expect(more).toEqual([])
    expect(candidate).toMatchObject({ entityType: 'lead', recordId: newer.leadId, otherId: older.leadId, reason: 'similar_name_same_company', resolvedAt: null })
    expect(candidate!.similarity).toBeGreaterThanOrEqual(0.6)
    expect((await submissionsOf(ws.tenantId)).map((s) => s.outcome)).toEqual(['created', 'flagged'])
  })

  it('does not flag a similar name at another company, nor a different name', async () => {
    const ws = await workspaceWithForm()
    await submit(ws, { firstName: 'Jonathan', lastName: 'Smithson', companyName: 'Initech' })
    expect((await submit(ws, { firstName: 'Jonathon', lastName: 'Smithson', companyName: 'Globex' })).outcome).toBe('created')
    expect((await submit(ws, { firstName: 'Peter', lastName: 'Gibbons', companyName: 'Initech' })).outcome).toBe('created')
    expect(await candidatesOf(ws.tenantId)).toEqual([])
  })
})

describe('captureLead: releases', () => {
  it('releases a quarantined submission into a lead once', async () => {
    const ws = await workspaceWithForm()
    const id = crypto.randomUUID()
    await db.insert(formSubmissions).values({ tenantId: ws.tenantId, id, formId: ws.formId, payload: { email: 'bot@x.example' }, verdict: 'spam', spamReasons: ['too_fast'], outcome: 'quarantined' })
    const release = () => captureLead(db, ws.tenantId, { values: { email: 'maybe@human.example' }, formId: ws.formId, ownerId: ws.userId, actorUserId: ws.userId, submission: { kind: 'release', id, formId: ws.formId } })
    const released = await release()
    expect(released.outcome).toBe('created')
    const [sub] = await submissionsOf(ws.tenantId)
    expect(sub).toMatchObject({ outcome: 'released', leadId: released.leadId })
    await expect(release()).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await eventTypes(ws.tenantId, released.leadId!)).toEqual(['created', 'form_submitted'])
  })
})

describe.skipIf(!onServer)('captureLead under concurrency (PostgreSQL server)', () => {
  it('20 simultaneous submissions of one email give 1 lead, 20 submissions and 20 form_submitted events', async () => {
    const ws = await workspaceWithForm()
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(ws, { email: 'race@race.example', firstName: i === 0 ? 'First' : null, custom: { n: i } })))
    const [lead, ...more] = await leadsOf(ws.tenantId)
    expect(more).toEqual([])
    expect(new Set(results.map((r) => r.leadId))).toEqual(new Set([lead!.id]))
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1)
    const subs = await submissionsOf(ws.tenantId)
    expect(subs).toHaveLength(20)
    expect(subs.filter((s) => s.outcome === 'created')).toHaveLength(1)
    expect(subs.every((s) => s.leadId === lead!.id && ['created', 'attached'].includes(s.outcome))).toBe(true)
    // The one first name sent was kept, whichever request carried it.
    expect(lead!.firstName).toBe('First')
    const types = await eventTypes(ws.tenantId, lead!.id)
    expect(types.filter((t) => t === 'form_submitted')).toHaveLength(20)
    expect(types.filter((t) => t === 'created')).toHaveLength(1)
  })
})
