import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING_RULES } from '../../src/domain/scoring/engine'
import type { ScoringRule } from '../../src/domain/scoring/rules'
import { request } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { api, type Problem } from '../helpers/records'

type List = { data: ScoringRule[] }

const titleRule = { kind: 'fit', name: 'Chief in the title', points: 20, condition: { op: 'contains', field: 'title', value: 'Chief' } }

const paths = (res: { body: unknown }) => ((res.body as Problem).errors ?? []).map((e) => e.path).sort()

async function createdRule(who: Browser, body: unknown): Promise<ScoringRule> {
  const res = await api<ScoringRule>(who, 'POST', '/scoring-rules', body)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

describe('/api/v1/scoring-rules', () => {
  it('gives a new workspace the starter rules, readable by every member', async () => {
    const admin = await signUp()
    const list = await api<List>(admin, 'GET', '/scoring-rules')
    expect(list.status).toBe(200)
    expect(list.body.data.map(({ id: _id, ...rule }) => rule)).toEqual(DEFAULT_SCORING_RULES)

    for (const role of ['rep', 'support'] as const) {
      const member = await addMember(admin, role)
      expect((await api<List>(member, 'GET', '/scoring-rules')).body.data).toHaveLength(DEFAULT_SCORING_RULES.length)
      const first = list.body.data[0]
      expect(await api(member, 'GET', `/scoring-rules/${first?.id}`)).toEqual({ status: 200, body: first })
    }
  })

  it('creates, reads, changes part of and deletes a rule', async () => {
    const admin = await signUp()
    const rule = await createdRule(admin, titleRule)
    expect(rule).toEqual({ ...titleRule, enabled: true, id: expect.any(String) })
    expect((await api(admin, 'GET', `/scoring-rules/${rule.id}`)).body).toEqual(rule)

    // A partial change keeps the rest of the rule.
    const patched = await api<ScoringRule>(admin, 'PATCH', `/scoring-rules/${rule.id}`, { points: -5, enabled: false })
    expect(patched).toEqual({ status: 200, body: { ...rule, points: -5, enabled: false } })
    const condition = { op: 'in', field: 'country', values: ['DE', 'AT'] }
    expect((await api(admin, 'PATCH', `/scoring-rules/${rule.id}`, { condition })).body).toEqual({ ...rule, points: -5, enabled: false, condition })
    const listed = (await api<List>(admin, 'GET', '/scoring-rules')).body.data
    expect(listed.at(-1)).toEqual({ ...rule, points: -5, enabled: false, condition })

    expect((await api(admin, 'DELETE', `/scoring-rules/${rule.id}`)).status).toBe(204)
    expect((await api(admin, 'GET', `/scoring-rules/${rule.id}`)).status).toBe(404)
    expect((await api(admin, 'PATCH', `/scoring-rules/${rule.id}`, { points: 1 })).status).toBe(404)
    expect((await api(admin, 'DELETE', `/scoring-rules/${rule.id}`)).status).toBe(404)
    expect((await api<List>(admin, 'GET', '/scoring-rules')).body.data).toHaveLength(DEFAULT_SCORING_RULES.length)
  })

  it('creates engagement rules and thresholds with their defaults', async () => {
    const admin = await signUp()
    expect(await createdRule(admin, { kind: 'engagement', name: 'Demo booked', points: 30, signal: 'meeting_held' })).toMatchObject({ halfLifeDays: 30, enabled: true })
    expect(await createdRule(admin, { kind: 'engagement', name: 'Forever', points: 5, signal: 'note_added', halfLifeDays: null })).toMatchObject({ halfLifeDays: null })
    expect(await createdRule(admin, { kind: 'threshold', name: 'Hot', minScore: 80 })).toMatchObject({ setStatus: null, assignTo: null, notifyOwner: false, enabled: true })
  })

  it('refuses invalid rules with 422, naming each field', async () => {
    const admin = await signUp()
    const refused = async (method: string, path: string, body: unknown, expected: string[]) => {
      const res = await api<Problem>(admin, method, path, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(paths(res), JSON.stringify(body)).toEqual(expected)
    }
    await refused('POST', '/scoring-rules', { kind: 'fit', name: ' ', points: 1.5, condition: { op: 'contains', field: 'nickname', value: '' } }, ['condition.field', 'condition.value', 'name', 'points'])
    await refused('POST', '/scoring-rules', { kind: 'fit', name: 'Big', points: 150, condition: { op: 'atLeast', field: 'companySize', value: 'huge' } }, ['condition.value', 'points'])
    await refused('POST', '/scoring-rules', { kind: 'engagement', name: 'x', points: 5, signal: 'waved', halfLifeDays: 0 }, ['halfLifeDays', 'signal'])
    await refused('POST', '/scoring-rules', { kind: 'threshold', name: 'x', minScore: 0, setStatus: 'won' }, ['minScore', 'setStatus'])
    await refused('POST', '/scoring-rules', { kind: 'vibe', name: 'x' }, ['kind'])
    await refused('POST', '/scoring-rules', { ...titleRule, colour: 'red' }, ['colour'])

    const rule = await createdRule(admin, titleRule)
    await refused('PATCH', `/scoring-rules/${rule.id}`, { kind: 'engagement' }, ['kind'])
    await refused('PATCH', `/scoring-rules/${rule.id}`, { minScore: 50 }, ['minScore'])
    await refused('PATCH', `/scoring-rules/${rule.id}`, { id: crypto.randomUUID() }, ['id'])
    await refused('PATCH', `/scoring-rules/${rule.id}`, { condition: { op: 'in', field: 'industry', values: [] } }, ['condition.values'])
    expect((await api(admin, 'GET', `/scoring-rules/${rule.id}`)).body).toEqual(rule)
  })

  it("accepts only an active member of the workspace as a threshold's assignee", async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const repId = (await me(rep)).userId
    const stranger = (await me(await signUp())).userId

    const base = { kind: 'threshold', name: 'Route hot leads', minScore: 70 }
    for (const assignTo of [crypto.randomUUID(), stranger]) {
      const res = await api<Problem>(admin, 'POST', '/scoring-rules', { ...base, assignTo })
      expect(res.status).toBe(422)
      expect(res.body.errors).toEqual([{ path: 'assignTo', message: 'Choose an active member of this workspace.' }])
    }
    const rule = await createdRule(admin, { ...base, assignTo: repId, notifyOwner: true })
    expect(rule).toMatchObject({ assignTo: repId, notifyOwner: true })

    expect((await admin.post(`/settings/users/${repId}/deactivate`, {})).status).toBe(303)
    const again = await api<Problem>(admin, 'PATCH', `/scoring-rules/${rule.id}`, { assignTo: repId })
    expect(again.status).toBe(422)
    expect(paths(again)).toEqual(['assignTo'])
    expect((await api(admin, 'PATCH', `/scoring-rules/${rule.id}`, { assignTo: null })).body).toMatchObject({ assignTo: null })
  })

  it('is documented in the OpenAPI document', async () => {
    type Doc = { paths: Record<string, Record<string, { operationId?: string }>>; components: { schemas: Record<string, { oneOf?: unknown[] }> } }
    const doc = (await (await request('/api/v1/openapi.json')).json()) as Doc
    expect(Object.entries(doc.paths['/scoring-rules'] ?? {}).map(([m, op]) => [m, op.operationId])).toEqual([
      ['get', 'listScoringRules'],
      ['post', 'createScoringRule'],
    ])
    expect(Object.values(doc.paths['/scoring-rules/{id}'] ?? {}).map((op) => op.operationId)).toEqual(['getScoringRule', 'updateScoringRule', 'deleteScoringRule'])
    expect(doc.components.schemas.ScoringRule?.oneOf).toHaveLength(3)
  })

  it('lets only admins change rules', async () => {
    const admin = await signUp()
    const [rule] = (await api<List>(admin, 'GET', '/scoring-rules')).body.data
    for (const role of ['manager', 'rep', 'support'] as const) {
      const member = await addMember(admin, role)
      expect((await api(member, 'POST', '/scoring-rules', titleRule)).status, role).toBe(403)
      expect((await api(member, 'PATCH', `/scoring-rules/${rule?.id}`, { points: 99 })).status, role).toBe(403)
      expect((await api(member, 'DELETE', `/scoring-rules/${rule?.id}`)).status, role).toBe(403)
    }
    expect((await api<List>(admin, 'GET', '/scoring-rules')).body.data).toHaveLength(DEFAULT_SCORING_RULES.length)
    expect((await api(admin, 'GET', `/scoring-rules/${rule?.id}`)).body).toEqual(rule)
  })
})
