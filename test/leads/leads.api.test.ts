import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { tags } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, created, eventsOf, setVisibility, type Problem } from '../helpers/records'

export type Lead = {
  id: string
  firstName: string | null
  lastName: string | null
  email: string | null
  phone: string | null
  phoneE164: string | null
  companyName: string | null
  companyDomain: string | null
  website: string | null
  source: string | null
  utmCampaign: string | null
  title?: string | null
  status: string
  score: number
  ownerId: string | null
  tags: string[]
  convertedAt: string | null
  convertedContactId: string | null
}

const db = testDb()

const paths = (p: Problem) => p.errors?.map((e) => e.path).sort()

describe('leads API', () => {
  it('creates, reads, updates and archives a lead, with one timeline event per change', async () => {
    const admin = await signUp({ workspace: 'Leads API' })
    const who = await me(admin)
    const lead = await created<Lead>(admin, '/leads', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Analytical.example',
      phone: '(213) 373-4253',
      companyName: 'Analytical Engines',
      source: 'webinar',
      utmCampaign: 'spring',
      tags: ['hot'],
    })
    expect(lead).toMatchObject({ email: 'Ada@Analytical.example', phoneE164: '+12133734253', companyDomain: 'analytical.example', status: 'new', score: 0, ownerId: who.userId, tags: ['hot'], source: 'webinar', utmCampaign: 'spring', convertedAt: null })
    expect((await api<Lead>(admin, 'GET', `/leads/${lead.id}`)).body.lastName).toBe('Lovelace')

    expect((await api<Lead>(admin, 'PATCH', `/leads/${lead.id}`, { status: 'contacted' })).body.status).toBe('contacted')
    // The same value again is no change and writes no event.
    expect((await api(admin, 'PATCH', `/leads/${lead.id}`, { status: 'contacted' })).status).toBe(200)
    // The website wins over the email for the company's domain.
    const moved = await api<Lead>(admin, 'PATCH', `/leads/${lead.id}`, { website: 'https://www.engines.example/about', title: 'Countess' })
    expect(moved.body.companyDomain).toBe('engines.example')
    expect((await api(admin, 'DELETE', `/leads/${lead.id}`)).status).toBe(204)

    const events = await eventsOf(who.workspace.id, lead.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'status_changed', 'updated', 'archived'])
    expect(events[0]?.payload).toEqual({ name: 'Ada Lovelace' })
    expect(events[1]?.payload).toEqual({ changes: { status: { from: 'new', to: 'contacted' } } })
    expect(events[2]?.payload).toEqual({ changes: { title: { from: null, to: 'Countess' }, website: { from: null, to: 'https://www.engines.example/about' } } })
    const timeline = await api<{ data: { eventType: string }[] }>(admin, 'GET', `/leads/${lead.id}/timeline?limit=2`)
    expect(timeline.body.data.map((e) => e.eventType)).toEqual(['archived', 'updated'])
    expect((await allPages(admin, '/leads', 50))).not.toContain(lead.id)
  })

  it('ignores free-mail domains when deriving the company domain', async () => {
    const admin = await signUp()
    for (const email of ['sam@gmail.com', 'sam@gmx.de', 'sam@proton.me']) {
      expect((await created<Lead>(admin, '/leads', { email })).companyDomain).toBeNull()
    }
    expect((await created<Lead>(admin, '/leads', { email: 'sam@initech.example' })).companyDomain).toBe('initech.example')
  })

  it('rejects unknown fields, score, a "converted" status, a bad phone and, for reps, ownerId, naming them', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    expect(paths((await api<Problem>(admin, 'POST', '/leads', { lastName: 'X', tenantId: 'nope', colour: 'red' })).body)).toEqual(['colour', 'tenantId'])
    const scored = await api<Problem>(admin, 'POST', '/leads', { lastName: 'X', score: 99 })
    expect(scored.status).toBe(422)
    expect(paths(scored.body)).toEqual(['score'])
    const converted = await api<Problem>(admin, 'POST', '/leads', { lastName: 'X', status: 'converted' })
    expect(converted.status).toBe(422)
    expect(paths(converted.body)).toEqual(['status'])
    expect(paths((await api<Problem>(admin, 'POST', '/leads', { lastName: 'X', phone: '12' })).body)).toEqual(['phone'])
    expect(paths((await api<Problem>(admin, 'POST', '/leads', { title: 'Nobody' })).body)).toEqual(['firstName'])
    const owner = await api<Problem>(rep, 'POST', '/leads', { lastName: 'X', ownerId: (await me(admin)).userId })
    expect(owner.status).toBe(422)
    expect(paths(owner.body)).toEqual(['ownerId'])

    const lead = await created<Lead>(admin, '/leads', { lastName: 'Y' })
    expect(paths((await api<Problem>(admin, 'PATCH', `/leads/${lead.id}`, { status: 'converted' })).body)).toEqual(['status'])
    expect(paths((await api<Problem>(admin, 'PATCH', `/leads/${lead.id}`, { score: 5 })).body)).toEqual(['score'])
    expect(paths((await api<Problem>(admin, 'PATCH', `/leads/${lead.id}`, { lastName: null })).body)).toEqual(['firstName'])
    expect(paths((await api<Problem>(rep, 'PATCH', `/leads/${lead.id}`, { ownerId: null })).body)).toEqual(['ownerId'])
    expect((await eventsOf((await me(admin)).workspace.id, lead.id)).length).toBe(1)
  })

  it('lets managers assign an owner, as one owner_changed event', async () => {
    const admin = await signUp()
    const manager = await addMember(admin, 'manager')
    const rep = await me(await addMember(admin, 'rep'))
    const lead = await created<Lead>(manager, '/leads', { companyName: 'Globex', ownerId: rep.userId })
    expect(lead.ownerId).toBe(rep.userId)
    await api(manager, 'PATCH', `/leads/${lead.id}`, { ownerId: null })
    const events = await eventsOf(rep.workspace.id, lead.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'owner_changed'])
    expect(events[1]?.payload).toEqual({ changes: { ownerId: { from: rep.userId, to: null } } })
  })

  it('pages through filtered and sorted lists with a keyset cursor, without duplicates or gaps', async () => {
    const admin = await signUp()
    const rep = await me(await addMember(admin, 'rep'))
    const statuses = ['new', 'contacted', 'qualified', 'unqualified', 'new', 'contacted', 'qualified']
    const made: string[] = []
    for (let i = 0; i < statuses.length; i++) {
      const lead = await created<Lead>(admin, '/leads', { lastName: `Person ${String.fromCharCode(71 - i)}`, source: i % 2 ? 'ads' : 'referral', tags: i < 3 ? ['spring'] : [], ...(i === 6 ? { ownerId: rep.userId } : {}) })
      if (statuses[i] !== 'new') await api(admin, 'PATCH', `/leads/${lead.id}`, { status: statuses[i] })
      made.push(lead.id)
    }
    expect(await allPages(admin, '/leads?sort=name', 3)).toEqual([...made].reverse())
    expect(await allPages(admin, '/leads', 2)).toEqual([...made].reverse())
    expect(await allPages(admin, '/leads?sort=created&dir=asc', 4)).toEqual(made)
    expect(await allPages(admin, '/leads?status=open&sort=created&dir=asc', 2)).toEqual(made.filter((_, i) => statuses[i] !== 'unqualified'))
    expect(await allPages(admin, '/leads?status=contacted&sort=created&dir=asc', 1)).toEqual([made[1], made[5]])
    expect(await allPages(admin, '/leads?source=ads&sort=created&dir=asc', 2)).toEqual(made.filter((_, i) => i % 2))
    expect(await allPages(admin, `/leads?owner=${rep.userId}`, 2)).toEqual([made[6]])
    expect((await allPages(admin, '/leads?owner=me', 2)).length).toBe(6)
    const today = new Date().toISOString().slice(0, 10)
    expect((await allPages(admin, `/leads?createdFrom=${today}&createdTo=${today}`, 5)).length).toBe(7)
    expect(await allPages(admin, '/leads?createdTo=2000-01-01', 5)).toEqual([])
    expect(await allPages(admin, '/leads?contactedFrom=2000-01-01', 5)).toEqual([])
    // Every score is 0 until scoring runs, so the order falls back to id, still without gaps.
    expect((await allPages(admin, '/leads?sort=score', 2)).sort()).toEqual([...made].sort())
    expect((await allPages(admin, '/leads?sort=lastContacted', 3)).sort()).toEqual([...made].sort())

    const [spring] = await db.select({ id: tags.id }).from(tags).where(and(eq(tags.tenantId, rep.workspace.id), eq(tags.name, 'spring')))
    expect(await allPages(admin, `/leads?tag=${spring?.id}&sort=created&dir=asc`, 2)).toEqual(made.slice(0, 3))
    expect((await api(admin, 'GET', '/leads?cursor=garbage')).status).toBe(400)
    expect((await api(admin, 'GET', '/leads?limit=500')).status).toBe(422)
    expect((await api(admin, 'GET', '/leads?status=lost')).status).toBe(422)
  })

  it('limits a rep in "own" mode to their own leads, and hides leads from support', async () => {
    const admin = await signUp()
    const rep1 = await addMember(admin, 'rep')
    const rep2 = await addMember(admin, 'rep')
    const support = await addMember(admin, 'support')
    const theirs = await created<Lead>(rep2, '/leads', { lastName: 'Theirs' })
    const mine = await created<Lead>(rep1, '/leads', { lastName: 'Mine' })
    expect((await api(rep1, 'GET', `/leads/${theirs.id}`)).status).toBe(200)
    await setVisibility((await me(admin)).workspace.id, 'own')
    expect((await api(rep1, 'GET', `/leads/${theirs.id}`)).status).toBe(404)
    expect((await api(rep1, 'PATCH', `/leads/${theirs.id}`, { lastName: 'Mine now' })).status).toBe(404)
    expect((await api(rep1, 'DELETE', `/leads/${theirs.id}`)).status).toBe(404)
    expect((await api(rep1, 'GET', `/leads/${theirs.id}/timeline`)).status).toBe(404)
    expect((await api(rep1, 'POST', `/leads/${theirs.id}/convert`, {})).status).toBe(404)
    expect(await allPages(rep1, '/leads', 50)).toEqual([mine.id])
    expect((await allPages(admin, '/leads', 50)).sort()).toEqual([mine.id, theirs.id].sort())

    expect((await api(support, 'GET', '/leads')).status).toBe(403)
    expect((await api(support, 'GET', `/leads/${mine.id}`)).status).toBe(404)
    expect((await api(support, 'GET', `/leads/${mine.id}/timeline`)).status).toBe(404)
    expect((await api(support, 'POST', '/leads', { lastName: 'Nope' })).status).toBe(403)
    expect((await api(support, 'POST', `/leads/${mine.id}/convert`, {})).status).toBe(403)
  })
})
