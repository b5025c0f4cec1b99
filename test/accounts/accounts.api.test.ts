import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, created, eventsOf, setVisibility, type Problem } from '../helpers/records'

type Account = { id: string; name: string; domain: string | null; status: string; ownerId: string | null; tags: string[]; website: string | null }

describe('accounts API', () => {
  it('creates, reads, updates and archives an account, with one timeline event per change', async () => {
    const admin = await signUp({ workspace: 'Accounts API' })
    const who = await me(admin)
    const acme = await created<Account>(admin, '/accounts', { name: 'Acme Corp', website: 'https://www.Acme.com/about', tags: ['VIP', 'emea'] })
    expect(acme).toMatchObject({ name: 'Acme Corp', domain: 'acme.com', status: 'prospect', ownerId: who.userId, tags: ['emea', 'VIP'] })
    expect((await api<Account>(admin, 'GET', `/accounts/${acme.id}`)).body.name).toBe('Acme Corp')

    const patched = await api<Account>(admin, 'PATCH', `/accounts/${acme.id}`, { status: 'customer' })
    expect(patched.body.status).toBe('customer')
    // Saving the same value again is no change, and writes no event.
    expect((await api(admin, 'PATCH', `/accounts/${acme.id}`, { status: 'customer' })).status).toBe(200)
    await api(admin, 'PATCH', `/accounts/${acme.id}`, { name: 'Acme Corporation', tags: ['VIP'] })
    expect((await api(admin, 'DELETE', `/accounts/${acme.id}`)).status).toBe(204)

    const events = await eventsOf(who.workspace.id, acme.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'status_changed', 'updated', 'archived'])
    expect(events[1]?.payload).toEqual({ changes: { status: { from: 'prospect', to: 'customer' } } })
    expect(events[2]?.payload).toEqual({ changes: { name: { from: 'Acme Corp', to: 'Acme Corporation' }, tags: { from: ['emea', 'VIP'], to: ['VIP'] } } })
    const timeline = await api<{ data: { eventType: string }[] }>(admin, 'GET', `/accounts/${acme.id}/timeline?limit=2`)
    expect(timeline.body.data.map((e) => e.eventType)).toEqual(['archived', 'updated'])

    const list = await api<{ data: Account[] }>(admin, 'GET', '/accounts')
    expect(list.body.data.map((a) => a.id)).not.toContain(acme.id)
  })

  it('rejects unknown fields and, for reps, ownerId, naming them', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const unknown = await api<Problem>(admin, 'POST', '/accounts', { name: 'X', tenantId: 'nope', colour: 'red' })
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors?.map((e) => e.path).sort()).toEqual(['colour', 'tenantId'])
    const owner = await api<Problem>(rep, 'POST', '/accounts', { name: 'X', ownerId: (await me(admin)).userId })
    expect(owner.status).toBe(422)
    expect(owner.body.errors?.[0]?.path).toBe('ownerId')
    const blank = await api<Problem>(admin, 'POST', '/accounts', { name: ' ', domain: 'not a domain' })
    expect(blank.body.errors?.map((e) => e.path).sort()).toEqual(['domain', 'name'])
  })

  it('pages through a filtered list with a keyset cursor, without duplicates or gaps', async () => {
    const admin = await signUp()
    const made: string[] = []
    for (let i = 0; i < 7; i++) made.push((await created<Account>(admin, '/accounts', { name: `Firm ${String.fromCharCode(71 - i)}`, status: i % 2 ? 'customer' : 'prospect' })).id)
    const byName = await allPages(admin, '/accounts?sort=name', 3)
    expect(byName).toEqual([...made].reverse())
    const customers = await allPages(admin, '/accounts?status=customer&sort=created&dir=asc', 2)
    expect(customers).toEqual(made.filter((_, i) => i % 2))
    expect((await api(admin, 'GET', '/accounts?cursor=garbage')).status).toBe(400)
    expect((await api(admin, 'GET', '/accounts?limit=500')).status).toBe(422)
  })

  it('limits a rep in "own" mode to their own accounts', async () => {
    const admin = await signUp()
    const rep1 = await addMember(admin, 'rep')
    const rep2 = await addMember(admin, 'rep')
    const theirs = await created<Account>(rep2, '/accounts', { name: 'Rep two account' })
    const mine = await created<Account>(rep1, '/accounts', { name: 'Rep one account' })
    expect((await api(rep1, 'GET', `/accounts/${theirs.id}`)).status).toBe(200)
    await setVisibility((await me(admin)).workspace.id, 'own')
    expect((await api(rep1, 'GET', `/accounts/${theirs.id}`)).status).toBe(404)
    expect((await api(rep1, 'PATCH', `/accounts/${theirs.id}`, { name: 'Mine now' })).status).toBe(404)
    expect((await api(rep1, 'DELETE', `/accounts/${theirs.id}`)).status).toBe(404)
    expect((await allPages(rep1, '/accounts', 50))).toEqual([mine.id])
    expect((await allPages(admin, '/accounts', 50)).sort()).toEqual([mine.id, theirs.id].sort())
  })
})
