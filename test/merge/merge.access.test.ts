import { beforeAll, describe, expect, it } from 'vitest'
import { addMember, createToken, me, signUp, withToken, type Browser } from '../helpers/auth'
import { api, setVisibility, type Problem } from '../helpers/records'
import { asRead, candidate, candidateRow, linksOf, merge, read, record, tenantOf } from './fixtures'

// Who may merge: the permission, record visibility (a rep in "own" mode) and the workspace.

let admin: Browser
let tenant: string

beforeAll(async () => {
  admin = await signUp({ workspace: 'Merge access' })
  tenant = await tenantOf(admin)
})

describe('permission', () => {
  it('refuses support (403) on every merge page and route', async () => {
    const support = await addMember(admin, 'support')
    const a = await record(admin, 'contact', { firstName: 'Ida', lastName: 'Rhodes' })
    const b = await record(admin, 'contact', { firstName: 'Ida', lastName: 'Rhodes', email: 'ida@census.example' })
    const { mergeId } = await merge(admin, 'contact', a.id, b.id)
    expect((await support.get('/duplicates')).status).toBe(403)
    expect((await support.get(`/duplicates/contacts/${a.id}/${b.id}`)).status).toBe(403)
    expect((await support.post(`/merges/${mergeId}/undo`, {})).status).toBe(403)
    expect((await api(support, 'GET', '/duplicates?type=contact')).status).toBe(403)
    expect((await api(support, 'POST', `/contacts/${a.id}/merge`, { otherId: b.id })).status).toBe(403)
    expect((await api(support, 'POST', `/merges/${mergeId}/undo`)).status).toBe(403)
    expect((await read(admin, 'contact', b.id)).archivedAt).not.toBeNull()
  })
})

describe('visibility', () => {
  it('a rep in "own" mode cannot merge, compare or see a pair with a lead they cannot see (404)', async () => {
    const own = await signUp({ workspace: 'Merge own mode' })
    const ownTenant = await tenantOf(own)
    const rep = await addMember(own, 'rep')
    const repId = (await me(rep)).userId
    await setVisibility(ownTenant, 'own')
    const mine = await record(rep, 'lead', { firstName: 'Rosalind', lastName: 'Franklin', email: 'rosalind@kings.example' })
    const mine2 = await record(rep, 'lead', { firstName: 'Rosalind E.', lastName: 'Franklin', email: 'ref@birkbeck.example' })
    const theirs = await record(own, 'lead', { firstName: 'Rosalind', lastName: 'Franklin', email: 'franklin@photo51.example' })
    expect(mine.ownerId).toBe(repId)
    const hidden = await candidate(ownTenant, 'lead', theirs.id, mine.id)
    const visible = await candidate(ownTenant, 'lead', mine2.id, mine.id)

    expect((await api<Problem>(rep, 'POST', `/leads/${mine.id}/merge`, { otherId: theirs.id })).status).toBe(404)
    expect((await api<Problem>(rep, 'POST', `/leads/${theirs.id}/merge`, { otherId: mine.id })).status).toBe(404)
    expect((await rep.get(`/duplicates/leads/${mine.id}/${theirs.id}`)).status).toBe(404)
    expect((await rep.post(`/duplicates/leads/${mine.id}/${theirs.id}`, { survivor: 'a' })).status).toBe(404)
    expect((await rep.post(`/duplicates/${hidden}/dismiss`, {})).status).toBe(404)
    const listed = (await api<{ data: { id: string }[] }>(rep, 'GET', '/duplicates?type=lead')).body.data.map((d) => d.id)
    expect(listed).toContain(visible)
    expect(listed).not.toContain(hidden)
    expect((await read(own, 'lead', theirs.id)).archivedAt).toBeNull()

    // The admin merges the rep's lead into their own; the rep cannot undo what they cannot see.
    const { mergeId } = await merge(own, 'lead', theirs.id, mine.id)
    expect((await api(rep, 'POST', `/merges/${mergeId}/undo`)).status).toBe(404)
    expect((await read(own, 'lead', mine.id)).archivedAt).not.toBeNull()
  })

  it('a rep who may not assign records cannot take the other record’s owner (422)', async () => {
    const rep = await addMember(admin, 'rep', 'Merge rep')
    const a = await record(rep, 'lead', { firstName: 'Chien-Shiung', lastName: 'Wu', email: 'wu@columbia.example' })
    const b = await record(admin, 'lead', { firstName: 'Chien-Shiung', lastName: 'Wu', email: 'cs.wu@manhattan.example' })
    const res = await api<Problem>(rep, 'POST', `/leads/${a.id}/merge`, { otherId: b.id, fields: { ownerId: 'other' } })
    expect([res.status, res.body.errors?.[0]?.path]).toEqual([422, 'fields.ownerId'])
    // Without naming it, the survivor keeps its owner.
    const { data } = await merge(rep, 'lead', a.id, b.id)
    expect(data.ownerId).toBe(a.ownerId)
  })
})

describe("another workspace's records and merges", () => {
  it('are 404 on every merge route, and stay exactly as they were', async () => {
    const a = await record(admin, 'lead', { firstName: 'Emmy', lastName: 'Noether', email: 'emmy@gottingen.example', tags: ['a-only'] })
    const b = await record(admin, 'lead', { firstName: 'Emmy', lastName: 'Noether', email: 'noether@bryn-mawr.example' })
    const c = await record(admin, 'lead', { firstName: 'Amalie', lastName: 'Noether', email: 'amalie@erlangen.example' })
    const candidateId = await candidate(tenant, 'lead', b.id, a.id)
    const { mergeId } = await merge(admin, 'lead', c.id, b.id)
    const before = { a: asRead(await read(admin, 'lead', a.id)), links: await linksOf(tenant, 'lead', a.id) }

    const other = await signUp({ workspace: 'Merge intruder' })
    const token = (await createToken(other)).token
    const theirs = await record(other, 'lead', { firstName: 'Intruder', lastName: 'Lead', email: 'intruder@b.example' })
    for (const [path, body] of [
      [`/api/v1/leads/${a.id}/merge`, { otherId: theirs.id }],
      [`/api/v1/leads/${theirs.id}/merge`, { otherId: a.id }],
      [`/api/v1/merges/${mergeId}/undo`, undefined],
      [`/api/v1/duplicates/${candidateId}/dismiss`, undefined],
    ] as const) {
      expect((await other.json('POST', path, body)).status, path).toBe(404)
      expect((await withToken(token, path, { method: 'POST', body })).status, path).toBe(404)
    }
    expect((await other.get(`/duplicates/leads/${a.id}/${theirs.id}`)).status).toBe(404)
    expect((await other.get(`/duplicates/leads/${theirs.id}/${a.id}`)).status).toBe(404)
    expect((await other.post(`/duplicates/leads/${theirs.id}/${a.id}`, { survivor: 'a' })).status).toBe(404)
    expect((await other.get(`/duplicates/leads/${theirs.id}/with?other=${a.id}`)).status).toBe(422)
    expect((await other.post(`/merges/${mergeId}/undo`, {})).status).toBe(404)
    expect((await other.post(`/duplicates/${candidateId}/dismiss`, {})).status).toBe(404)
    expect((await api<{ data: unknown[] }>(other, 'GET', '/duplicates?type=lead')).body.data).toEqual([])

    expect(asRead(await read(admin, 'lead', a.id))).toEqual(before.a)
    expect(await linksOf(tenant, 'lead', a.id)).toEqual(before.links)
    expect((await read(admin, 'lead', b.id)).archivedAt).not.toBeNull()
    expect((await candidateRow(tenant, candidateId))?.resolvedAt).toBeNull()
  })
})
