import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { customerStatusHistory } from '../../src/db/schema'
import { signUp, type Browser } from '../helpers/auth'
import { api, created, type Problem } from '../helpers/records'
import { asRead, candidate, candidateRow, db, linksOf, merge, read, record, submissionFor, tenantOf, workOn } from './fixtures'

type Timeline = { data: { eventType: string; payload: Record<string, unknown> }[]; nextCursor: string | null }

let admin: Browser
let tenant: string

beforeAll(async () => {
  admin = await signUp({ workspace: 'Merge API' })
  tenant = await tenantOf(admin)
})

let phones = 0

// Two leads that are the same person, each with its own work, tags (one shared) and a submission.
// Emails and phones differ (an exact match would have been attached, not created).
async function pair(label: string) {
  const phone = `+44 20 7946 ${String(++phones).padStart(4, '0')}`
  const winner = await record(admin, 'lead', { firstName: 'Ada', lastName: `Lovelace ${label}`, email: `ada.${label}@engines.example`, title: 'Analyst', companyName: 'Engines', tags: ['vip', `w-${label}`], custom: { plan: 'basic', seats: 3 } })
  const loser = await record(admin, 'lead', { firstName: 'Ada', lastName: `Lovelace ${label}`, email: `ADA.${label}@Analytical.example`, phone, website: 'https://analytical.example', title: 'Countess', tags: ['vip', `l-${label}`], custom: { plan: 'pro' } })
  const work = { winner: await workOn(admin, 'lead', winner.id, 'winner'), loser: await workOn(admin, 'lead', loser.id, 'loser') }
  const submissions = { winner: await submissionFor(tenant, { leadId: winner.id }), loser: await submissionFor(tenant, { leadId: loser.id }) }
  const candidateId = await candidate(tenant, 'lead', loser.id, winner.id)
  return { winner: await read(admin, 'lead', winner.id), loser: await read(admin, 'lead', loser.id), work, submissions, candidateId }
}

describe('POST /api/v1/leads/{id}/merge', () => {
  it('moves notes, tasks, activities, tags and submissions to the survivor, and its timeline shows both histories', async () => {
    const p = await pair('moves')
    const before = { winner: await linksOf(tenant, 'lead', p.winner.id), loser: await linksOf(tenant, 'lead', p.loser.id) }
    const res = await merge(admin, 'lead', p.winner.id, p.loser.id)

    const after = await linksOf(tenant, 'lead', p.winner.id)
    for (const kind of ['notes', 'tasks', 'activities', 'submissions'] as const) expect(after[kind]).toEqual([...before.winner[kind], ...before.loser[kind]].sort())
    // The shared tag is on the survivor once; the loser's own tag came with it.
    expect(res.data.tags.sort()).toEqual(['l-moves', 'vip', 'w-moves'])
    expect(await linksOf(tenant, 'lead', p.loser.id)).toEqual({ notes: [], tasks: [], activities: [], tags: [], submissions: [], opportunities: [] })

    const timeline = (await api<Timeline>(admin, 'GET', `/leads/${p.winner.id}/timeline?limit=200`)).body.data
    const kinds = timeline.map((e) => e.eventType)
    expect(kinds.filter((k) => k === 'created')).toHaveLength(2)
    expect(kinds.filter((k) => k === 'note_added')).toHaveLength(2)
    expect(kinds.filter((k) => k === 'activity_logged')).toHaveLength(2)
    // One merge event, the survivor's own, naming the other lead.
    expect(timeline.filter((e) => e.eventType === 'merged').map((e) => e.payload)).toEqual([expect.objectContaining({ otherId: p.loser.id, survived: true, name: 'Ada Lovelace moves' })])
    expect((await candidateRow(tenant, p.candidateId))?.resolution).toBe('merged')
  })

  it('writes the chosen value per field, recomputes derived columns and marks the other merged', async () => {
    const p = await pair('choose')
    expect((await api(admin, 'PATCH', `/leads/${p.loser.id}`, { status: 'contacted' })).status).toBe(200)
    const { data } = await merge(admin, 'lead', p.winner.id, p.loser.id, { email: 'other', title: 'self', 'custom.plan': 'other', status: 'other' })
    expect(data.email).toBe(p.loser.email)
    expect(data.status).toBe('contacted')
    const history = await db.select().from(customerStatusHistory).where(and(eq(customerStatusHistory.tenantId, tenant), eq(customerStatusHistory.entityId, p.winner.id)))
    expect(history.map((h) => [h.fromValue, h.toValue])).toEqual([['new', 'contacted']])
    expect(data.title).toBe('Analyst')
    // Unnamed fields the survivor lacked come from the other: phone (with its E.164 form) and website.
    expect(data.phoneE164).toBe(p.loser.phoneE164)
    expect(data.website).toBe('https://analytical.example')
    expect(data.companyDomain).toBe('analytical.example')
    expect(data.custom).toEqual({ plan: 'pro', seats: 3 })

    const loser = await read(admin, 'lead', p.loser.id)
    expect(loser.archivedAt).not.toBeNull()
  })

  it('undo restores values, links, tags and the other lead exactly, and reopens the candidate', async () => {
    const p = await pair('undo')
    const before = { winner: await linksOf(tenant, 'lead', p.winner.id), loser: await linksOf(tenant, 'lead', p.loser.id) }
    const { mergeId } = await merge(admin, 'lead', p.winner.id, p.loser.id, { email: 'other', lastName: 'other', 'custom.plan': 'other' })

    const undone = await api<{ winnerId: string; loserId: string }>(admin, 'POST', `/merges/${mergeId}/undo`)
    expect(undone.status, JSON.stringify(undone.body)).toBe(200)
    expect(undone.body).toMatchObject({ winnerId: p.winner.id, loserId: p.loser.id })

    expect(asRead(await read(admin, 'lead', p.winner.id))).toEqual(asRead(p.winner))
    expect(asRead(await read(admin, 'lead', p.loser.id))).toEqual(asRead(p.loser))
    expect(await linksOf(tenant, 'lead', p.winner.id)).toEqual(before.winner)
    expect(await linksOf(tenant, 'lead', p.loser.id)).toEqual(before.loser)
    expect((await candidateRow(tenant, p.candidateId))?.resolvedAt).toBeNull()

    const events = (await api<Timeline>(admin, 'GET', `/leads/${p.loser.id}/timeline`)).body.data.map((e) => e.eventType)
    expect(events.slice(0, 2)).toEqual(['merge_undone', 'merged'])
    // Undone once is undone.
    expect((await api<Problem>(admin, 'POST', `/merges/${mergeId}/undo`)).status).toBe(409)
  })

  it('refuses to undo (409, nothing changed) when a new lead has taken the merged lead’s email', async () => {
    const p = await pair('taken')
    const { mergeId, data: merged } = await merge(admin, 'lead', p.winner.id, p.loser.id)
    const newcomer = await created<{ id: string }>(admin, '/leads', { lastName: 'Newcomer', email: p.loser.email })

    const res = await api<Problem>(admin, 'POST', `/merges/${mergeId}/undo`)
    expect(res.status).toBe(409)
    expect(res.body.detail).toContain(`another lead has taken ${p.loser.email}`)
    expect(asRead(await read(admin, 'lead', p.winner.id))).toEqual(asRead(merged))
    expect((await read(admin, 'lead', p.loser.id)).archivedAt).not.toBeNull()
    expect((await read(admin, 'lead', newcomer.id)).email).toBe(p.loser.email)
  })

  it('answers 422 for itself or an unknown field, 404 for a missing lead, 409 for one already merged', async () => {
    const p = await pair('errors')
    const self = await api<Problem>(admin, 'POST', `/leads/${p.winner.id}/merge`, { otherId: p.winner.id })
    expect([self.status, self.body.errors?.[0]?.path]).toEqual([422, 'otherId'])
    const unknown = await api<Problem>(admin, 'POST', `/leads/${p.winner.id}/merge`, { otherId: p.loser.id, fields: { score: 'other' } })
    expect([unknown.status, unknown.body.errors?.[0]?.path]).toEqual([422, 'fields.score'])
    const bad = await api<Problem>(admin, 'POST', `/leads/${p.winner.id}/merge`, { otherId: p.loser.id, fields: { email: 'both' } })
    expect(bad.status).toBe(422)
    expect((await api(admin, 'POST', `/leads/${p.winner.id}/merge`, { otherId: crypto.randomUUID() })).status).toBe(404)
    expect((await api(admin, 'POST', `/leads/${crypto.randomUUID()}/merge`, { otherId: p.loser.id })).status).toBe(404)

    await merge(admin, 'lead', p.winner.id, p.loser.id)
    const twice = await api<Problem>(admin, 'POST', `/leads/${p.winner.id}/merge`, { otherId: p.loser.id })
    expect(twice.status).toBe(409)
    expect((await api(admin, 'POST', `/leads/${p.loser.id}/merge`, { otherId: p.winner.id })).status).toBe(409)
    expect((await api(admin, 'POST', `/merges/${crypto.randomUUID()}/undo`)).status).toBe(404)
  })

  // On the PostgreSQL server these really overlap, either way round; one wins, none deadlocks.
  it('merges the same pair once when asked many times at once, either way round', async () => {
    const p = await pair('race')
    const [x, y] = [p.winner.id, p.loser.id]
    const results = await Promise.all([x, y, x, y, x, y].map((id) => api(admin, 'POST', `/leads/${id}/merge`, { otherId: id === x ? y : x })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409])
    const events = (await api<Timeline>(admin, 'GET', `/leads/${x}/timeline?limit=200`)).body.data
    expect(events.filter((e) => e.eventType === 'merged')).toHaveLength(1)
    const { mergeId } = results.find((r) => r.status === 200)?.body as { mergeId: string }
    const undos = await Promise.all([1, 2, 3].map(() => api(admin, 'POST', `/merges/${mergeId}/undo`)))
    expect(undos.map((r) => r.status).sort()).toEqual([200, 409, 409])
  })
})

describe('POST /api/v1/contacts/{id}/merge', () => {
  it('moves the other contact’s deals too, and undo takes them back', async () => {
    const winner = await record(admin, 'contact', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example' })
    const loser = await record(admin, 'contact', { firstName: 'Grace', lastName: 'Hopper', email: 'g.hopper@cobol.example', title: 'Rear Admiral' })
    const deal = await created<{ id: string }>(admin, '/opportunities', { name: 'COBOL compiler', contactId: loser.id })
    await workOn(admin, 'contact', loser.id, 'Grace')

    const { data, mergeId } = await merge(admin, 'contact', winner.id, loser.id)
    expect(data.title).toBe('Rear Admiral')
    expect(data.email).toBe('grace@navy.example')
    expect((await linksOf(tenant, 'contact', winner.id)).opportunities).toEqual([deal.id])

    expect((await api(admin, 'POST', `/merges/${mergeId}/undo`)).status).toBe(200)
    expect((await linksOf(tenant, 'contact', loser.id)).opportunities).toEqual([deal.id])
    expect((await read(admin, 'contact', winner.id)).title).toBeNull()
  })
})

describe('GET /api/v1/duplicates and dismiss', () => {
  it('lists open pairs newest first with a cursor, and a dismissed pair leaves the list', async () => {
    const own = await signUp({ workspace: 'Merge candidates' })
    const ownTenant = await tenantOf(own)
    const leads = []
    for (const [first, last] of [['Alan', 'Turing'], ['Edsger', 'Dijkstra'], ['Barbara', 'Liskov'], ['Donald', 'Knuth']]) leads.push(await record(own, 'lead', { firstName: first, lastName: last, email: `${first}@${last}.example`.toLowerCase() }))
    const [l1, l2, l3, l4] = leads.map((l) => l.id) as [string, string, string, string]
    const older = await candidate(ownTenant, 'lead', l2, l1, 0.7, 'Similar name')
    const newer = await candidate(ownTenant, 'lead', l4, l3, 0.9, 'Same company')

    const first = await api<{ data: { id: string; record: { name: string; email: string }; similarity: number; reason: string }[]; nextCursor: string }>(own, 'GET', '/duplicates?type=lead&limit=1')
    expect(first.status).toBe(200)
    expect(first.body.data.map((d) => d.id)).toEqual([newer])
    expect(first.body.data[0]).toMatchObject({ record: { name: 'Donald Knuth', email: 'donald@knuth.example' }, reason: 'Same company' })
    const second = await api<{ data: { id: string }[]; nextCursor: string | null }>(own, 'GET', `/duplicates?type=lead&limit=1&cursor=${first.body.nextCursor}`)
    expect(second.body.data.map((d) => d.id)).toEqual([older])
    expect(second.body.nextCursor).toBeNull()
    expect((await api<{ data: unknown[] }>(own, 'GET', '/duplicates?type=contact')).body.data).toEqual([])

    const res = await own.json('POST', `/api/v1/duplicates/${newer}/dismiss`)
    expect(res.status).toBe(204)
    expect((await candidateRow(ownTenant, newer))?.resolution).toBe('dismissed')
    expect((await api<{ data: { id: string }[] }>(own, 'GET', '/duplicates?type=lead')).body.data.map((d) => d.id)).toEqual([older])
    expect((await own.json('POST', `/api/v1/duplicates/${newer}/dismiss`)).status).toBe(404)
  })
})
