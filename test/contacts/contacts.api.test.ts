import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, customerStatusHistory } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, created, eventsOf, setVisibility, type Problem } from '../helpers/records'

type Contact = { id: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null; phoneE164: string | null; accountId: string | null; accountName: string | null; status: string; ownerId: string | null; tags: string[] }

const db = testDb()
const stored = async (id: string) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0]

describe('contacts API', () => {
  it('creates, reads, updates and archives a contact, with one timeline event per change', async () => {
    const admin = await signUp({ workspace: 'Contacts API' })
    const who = await me(admin)
    const acme = await created<{ id: string }>(admin, '/accounts', { name: 'Acme Corp' })
    const ada = await created<Contact>(admin, '/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.COM', phone: '(415) 555-0100', accountId: acme.id, tags: ['vip'] })
    expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.COM', phone: '(415) 555-0100', phoneE164: '+14155550100', accountId: acme.id, accountName: 'Acme Corp', status: 'prospect', ownerId: who.userId, tags: ['vip'] })
    expect(await stored(ada.id)).toMatchObject({ emailNormalized: 'ada@example.com', phoneE164: '+14155550100', phoneDigits: '14155550100' })
    expect((await api<Contact>(admin, 'GET', `/contacts/${ada.id}`)).body.lastName).toBe('Lovelace')

    expect((await api<Contact>(admin, 'PATCH', `/contacts/${ada.id}`, { status: 'customer' })).body.status).toBe('customer')
    // Saving the same value again is no change, and writes no event.
    expect((await api(admin, 'PATCH', `/contacts/${ada.id}`, { status: 'customer' })).status).toBe(200)
    const moved = await api<Contact>(admin, 'PATCH', `/contacts/${ada.id}`, { phone: '+44 20 7946 0958', email: null, accountId: null })
    expect(moved.body).toMatchObject({ phoneE164: '+442079460958', email: null, accountId: null, accountName: null })
    expect(await stored(ada.id)).toMatchObject({ emailNormalized: null, phoneDigits: '442079460958' })
    expect((await api(admin, 'DELETE', `/contacts/${ada.id}`)).status).toBe(204)

    const events = await eventsOf(who.workspace.id, ada.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'status_changed', 'updated', 'archived'])
    expect(events[0]?.payload).toEqual({ name: 'Ada Lovelace' })
    expect(events[1]?.payload).toEqual({ changes: { status: { from: 'prospect', to: 'customer' } } })
    expect(events[2]?.payload).toEqual({
      changes: { email: { from: 'Ada@Example.COM', to: null }, phone: { from: '(415) 555-0100', to: '+44 20 7946 0958' }, accountId: { from: acme.id, to: null } },
    })
    const history = await db.select().from(customerStatusHistory).where(and(eq(customerStatusHistory.tenantId, who.workspace.id), eq(customerStatusHistory.entityId, ada.id)))
    expect(history).toMatchObject([{ entityType: 'contact', field: 'status', fromValue: 'prospect', toValue: 'customer' }])
    const timeline = await api<{ data: { eventType: string }[] }>(admin, 'GET', `/contacts/${ada.id}/timeline?limit=2`)
    expect(timeline.body.data.map((e) => e.eventType)).toEqual(['archived', 'updated'])
    expect((await allPages(admin, '/contacts', 50))).not.toContain(ada.id)
  })

  it('reads a phone without a country code in the workspace default country', async () => {
    const admin = await signUp()
    const local = await created<Contact>(admin, '/contacts', { lastName: 'Hopper', phone: '212 555 0123' })
    expect(local.phoneE164).toBe('+12125550123')
  })

  it('rejects a bad phone, a missing name, unknown fields and, for reps, ownerId, naming them', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const phone = await api<Problem>(admin, 'POST', '/contacts', { firstName: 'Ada', phone: '12' })
    expect(phone.status).toBe(422)
    expect(phone.body.errors).toEqual([{ path: 'phone', message: expect.any(String) }])
    const noName = await api<Problem>(admin, 'POST', '/contacts', { firstName: ' ', lastName: null, email: 'not-an-email' })
    expect(noName.body.errors?.map((e) => e.path).sort()).toEqual(['email', 'firstName'])
    const unknown = await api<Problem>(admin, 'POST', '/contacts', { firstName: 'X', tenantId: 'nope', emailNormalized: 'x' })
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors?.map((e) => e.path).sort()).toEqual(['emailNormalized', 'tenantId'])
    const owner = await api<Problem>(rep, 'POST', '/contacts', { firstName: 'X', ownerId: (await me(admin)).userId })
    expect(owner.status).toBe(422)
    expect(owner.body.errors?.[0]?.path).toBe('ownerId')

    const grace = await created<Contact>(admin, '/contacts', { firstName: 'Grace' })
    const unnamed = await api<Problem>(admin, 'PATCH', `/contacts/${grace.id}`, { firstName: null })
    expect(unnamed.status).toBe(422)
    expect(unnamed.body.errors?.[0]?.path).toBe('firstName')
    expect((await api(admin, 'PATCH', `/contacts/${grace.id}`, { phone: 'call me' })).status).toBe(422)
    expect(await eventsOf((await me(admin)).workspace.id, grace.id)).toHaveLength(1)
  })

  it('pages through a filtered list with a keyset cursor, without duplicates or gaps', async () => {
    const admin = await signUp()
    const acme = await created<{ id: string }>(admin, '/accounts', { name: 'Acme' })
    const made: string[] = []
    for (let i = 0; i < 7; i++) {
      const body = { firstName: `Person ${i}`, lastName: `Name ${String.fromCharCode(71 - i)}`, status: i % 2 ? 'customer' : 'prospect', accountId: i < 3 ? acme.id : undefined }
      made.push((await created<Contact>(admin, '/contacts', body)).id)
    }
    const firstOnly = (await created<Contact>(admin, '/contacts', { firstName: 'Cher' })).id
    expect(await allPages(admin, '/contacts?sort=name', 3)).toEqual([...[...made].reverse(), firstOnly])
    expect(await allPages(admin, '/contacts?sort=name&dir=desc', 2)).toEqual([...made, firstOnly])
    expect(await allPages(admin, '/contacts?status=customer&sort=created&dir=asc', 2)).toEqual(made.filter((_, i) => i % 2))
    expect(await allPages(admin, `/contacts?accountId=${acme.id}`, 2)).toEqual(made.slice(0, 3).reverse())
    expect((await api(admin, 'GET', '/contacts?cursor=garbage')).status).toBe(400)
    expect((await api(admin, 'GET', '/contacts?limit=500')).status).toBe(422)
    expect((await api(admin, 'GET', '/contacts?colour=red')).status).toBe(422)
  })

  it('limits a rep in "own" mode to their own contacts', async () => {
    const admin = await signUp()
    const rep1 = await addMember(admin, 'rep')
    const rep2 = await addMember(admin, 'rep')
    const theirs = await created<Contact>(rep2, '/contacts', { firstName: 'Theirs' })
    const mine = await created<Contact>(rep1, '/contacts', { firstName: 'Mine' })
    expect((await api(rep1, 'GET', `/contacts/${theirs.id}`)).status).toBe(200)
    await setVisibility((await me(admin)).workspace.id, 'own')
    expect((await api(rep1, 'GET', `/contacts/${theirs.id}`)).status).toBe(404)
    expect((await api(rep1, 'PATCH', `/contacts/${theirs.id}`, { firstName: 'Mine now' })).status).toBe(404)
    expect((await api(rep1, 'DELETE', `/contacts/${theirs.id}`)).status).toBe(404)
    expect((await api(rep1, 'GET', `/contacts/${theirs.id}/timeline`)).status).toBe(404)
    expect(await allPages(rep1, '/contacts', 50)).toEqual([mine.id])
    expect((await allPages(admin, '/contacts', 50)).sort()).toEqual([mine.id, theirs.id].sort())
  })
})
