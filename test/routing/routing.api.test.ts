import { describe, expect, it } from 'vitest'
import type { RoutingRule } from '../../src/domain/routing/rules'
import { request } from '../helpers/app'
import { addMember, createToken, me, signUp, withToken } from '../helpers/auth'
import { api, created, type Problem } from '../helpers/records'

async function team() {
  const admin = await signUp()
  const dana = (await me(await addMember(admin, 'rep', 'Dana'))).userId
  const evan = (await me(await addMember(admin, 'rep', 'Evan'))).userId
  return { admin, dana, evan }
}

const paths = (p: { body: Problem }) => p.body.errors?.map((e) => e.path)

describe('/api/v1/routing-rules', () => {
  it('creates, lists in order, reads, changes and deletes rules', async () => {
    const { admin, dana, evan } = await team()
    const de = await created<RoutingRule>(admin, '/routing-rules', { name: 'Germany', conditions: [{ field: 'country', op: 'equals', value: ' DE ' }], action: 'assign', assignees: [{ userId: dana }] })
    expect(de).toEqual({ id: expect.any(String), position: 1, name: 'Germany', conditions: [{ field: 'country', op: 'equals', value: 'DE' }], action: 'assign', assignees: [{ userId: dana, weight: 1 }], enabled: true })
    const rr = await created<RoutingRule>(admin, '/routing-rules', { name: 'Rest', action: 'round_robin', assignees: [{ userId: dana, weight: 3 }, { userId: evan }] })
    expect(rr.position).toBe(2)
    expect((await api<{ data: RoutingRule[] }>(admin, 'GET', '/routing-rules')).body.data.map((r) => r.name)).toEqual(['Germany', 'Rest'])
    expect((await api(admin, 'GET', `/routing-rules/${de.id}`)).body).toEqual(de)

    const patched = await api<RoutingRule>(admin, 'PATCH', `/routing-rules/${de.id}`, { enabled: false, conditions: [{ field: 'custom.budget', op: 'between', min: 1000, max: null }] })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: 'Germany', enabled: false, position: 1, conditions: [{ field: 'custom.budget', op: 'between', min: 1000, max: null }] })

    expect((await api(admin, 'DELETE', `/routing-rules/${de.id}`)).status).toBe(204)
    expect((await api(admin, 'GET', `/routing-rules/${de.id}`)).status).toBe(404)
    expect((await api(admin, 'DELETE', `/routing-rules/${de.id}`)).status).toBe(404)
  })

  it('refuses bad rules with 422, naming each field', async () => {
    const { admin, dana } = await team()
    const stranger = (await me(await signUp())).userId
    const unknown = await api<Problem>(admin, 'POST', '/routing-rules', { name: 'x', action: 'assign', assignees: [{ userId: dana }], tenantId: 'x', rrCounter: 5 })
    expect(unknown.status).toBe(422)
    expect(paths(unknown)).toEqual(['tenantId', 'rrCounter'])
    const outsider = await api<Problem>(admin, 'POST', '/routing-rules', { name: 'x', action: 'round_robin', assignees: [{ userId: dana }, { userId: stranger }] })
    expect(outsider.status).toBe(422)
    expect(outsider.body.errors).toEqual([{ path: 'assignees.1.userId', message: 'Choose an active member of this workspace.' }])
    const bad = await api<Problem>(admin, 'POST', '/routing-rules', { name: '', action: 'assign', assignees: [{ userId: dana, weight: 11 }], conditions: [{ field: 'email', op: 'equals', value: 'x' }, { field: 'country', op: 'matches', value: 'x' }] })
    expect(paths(bad)).toEqual(expect.arrayContaining(['name', 'assignees.0.weight', 'conditions.0.field', 'conditions.1.op']))

    const rule = await created<RoutingRule>(admin, '/routing-rules', { name: 'x', action: 'assign', assignees: [{ userId: dana }] })
    const moved = await api<Problem>(admin, 'PATCH', `/routing-rules/${rule.id}`, { position: 9 })
    expect(moved.status).toBe(422)
    expect(paths(moved)).toEqual(['position'])
    const two = await api<Problem>(admin, 'PATCH', `/routing-rules/${rule.id}`, { assignees: [{ userId: dana }, { userId: dana }] })
    expect(paths(two)).toEqual(['assignees', 'assignees.1.userId'])
    expect((await api(admin, 'GET', `/routing-rules/${rule.id}`)).body).toMatchObject({ position: 1, assignees: [{ userId: dana }] })
  })

  it('keeps a deactivated person on a rule when other fields change, but will not add one', async () => {
    const { admin, dana, evan } = await team()
    const rule = await created<RoutingRule>(admin, '/routing-rules', { name: 'Pair', action: 'round_robin', assignees: [{ userId: dana }, { userId: evan }] })
    expect((await admin.post(`/settings/users/${evan}/deactivate`, {})).status).toBe(303)
    expect((await api(admin, 'PATCH', `/routing-rules/${rule.id}`, { enabled: false })).status).toBe(200)
    const other = await created<RoutingRule>(admin, '/routing-rules', { name: 'Solo', action: 'assign', assignees: [{ userId: dana }] })
    const added = await api<Problem>(admin, 'PATCH', `/routing-rules/${other.id}`, { assignees: [{ userId: evan }] })
    expect(added.status).toBe(422)
    expect(paths(added)).toEqual(['assignees.0.userId'])
  })

  it('reorders rules, given every id once', async () => {
    const { admin, dana } = await team()
    const ids: string[] = []
    for (const name of ['A', 'B', 'C']) ids.push((await created<RoutingRule>(admin, '/routing-rules', { name, action: 'assign', assignees: [{ userId: dana }] })).id)
    const [a, b, c] = ids as [string, string, string]
    const res = await api<{ data: RoutingRule[] }>(admin, 'POST', '/routing-rules/reorder', { ids: [c, a, b] })
    expect(res.status).toBe(200)
    expect(res.body.data.map((r) => [r.name, r.position])).toEqual([['C', 1], ['A', 2], ['B', 3]])
    const missing = await api<Problem>(admin, 'POST', '/routing-rules/reorder', { ids: [a, b] })
    expect(missing.status).toBe(422)
    expect(missing.body.errors).toEqual([{ path: 'ids', message: 'List every rule of the workspace; missing: C.' }])
    const twice = await api<Problem>(admin, 'POST', '/routing-rules/reorder', { ids: [a, b, c, a] })
    expect(paths(twice)).toEqual(['ids.3'])
    expect((await api<{ data: RoutingRule[] }>(admin, 'GET', '/routing-rules')).body.data.map((r) => r.name)).toEqual(['C', 'A', 'B'])
  })

  it('answers API tokens the same, and refuses reps with 403', async () => {
    const { admin, dana } = await team()
    const { token } = await createToken(admin)
    const res = await withToken(token, '/api/v1/routing-rules', { method: 'POST', body: { name: 'By token', action: 'assign', assignees: [{ userId: dana }] } })
    expect(res.status).toBe(201)
    const rep = await addMember(admin, 'rep')
    expect((await api(rep, 'GET', '/routing-rules')).status).toBe(403)
    expect((await api(rep, 'POST', '/routing-rules', { name: 'x', action: 'assign', assignees: [{ userId: dana }] })).status).toBe(403)
    expect((await api(rep, 'GET', '/routing/default-owner')).status).toBe(403)
    expect((await api(rep, 'POST', '/routing/preview', {})).status).toBe(403)
    expect((await request('/api/v1/routing-rules')).status).toBe(401)
  })
})

describe('/api/v1/routing', () => {
  it('reads and sets the default owner, only to an active member', async () => {
    const { admin, dana } = await team()
    expect((await api(admin, 'GET', '/routing/default-owner')).body).toEqual({ userId: null })
    expect((await api(admin, 'PUT', '/routing/default-owner', { userId: dana })).body).toEqual({ userId: dana })
    expect((await api(admin, 'GET', '/routing/default-owner')).body).toEqual({ userId: dana })
    const stranger = (await me(await signUp())).userId
    const refused = await api<Problem>(admin, 'PUT', '/routing/default-owner', { userId: stranger })
    expect(refused.status).toBe(422)
    expect(paths(refused)).toEqual(['userId'])
    expect(paths(await api<Problem>(admin, 'PUT', '/routing/default-owner', {}))).toEqual(['userId'])
    expect((await api(admin, 'PUT', '/routing/default-owner', { userId: null })).body).toEqual({ userId: null })
  })

  it('previews who would get a sample lead', async () => {
    const { admin, dana, evan } = await team()
    const big = await created<RoutingRule>(admin, '/routing-rules', { name: 'Big', conditions: [{ field: 'companySize', op: 'in', value: ['1001-5000', '5000+'] }], action: 'assign', assignees: [{ userId: evan }] })
    await api(admin, 'PUT', '/routing/default-owner', { userId: dana })
    expect((await api(admin, 'POST', '/routing/preview', { companySize: '5000+' })).body).toEqual({ ruleId: big.id, ruleName: 'Big', ownerId: evan })
    expect((await api(admin, 'POST', '/routing/preview', { companySize: '1-10', custom: { budget: 5 } })).body).toEqual({ ruleId: null, ruleName: null, ownerId: dana })
    const bad = await api<Problem>(admin, 'POST', '/routing/preview', { email: 'x@example.com' })
    expect(bad.status).toBe(422)
    expect(paths(bad)).toEqual(['email'])
  })
})
