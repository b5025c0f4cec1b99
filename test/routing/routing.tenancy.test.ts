import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assignRoutedOwner } from '../../src/db/queries/routing'
import { leads } from '../../src/db/schema'
import type { RoutingRule } from '../../src/domain/routing/rules'
import { testDb } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { api, created, type Problem } from '../helpers/records'

const rulesOf = async (who: Browser) => (await api<{ data: RoutingRule[] }>(who, 'GET', '/routing-rules')).body.data

// Workspace B's admin knows workspace A's rule ids and people, and tries them everywhere: rule
// ids are 404s, people are 422s, and A's rules stay as they were.
describe('routing tenancy', () => {
  it("404s another workspace's rules in the API and on the settings pages, and changes nothing", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const dana = (await me(await addMember(a, 'rep', 'Dana'))).userId
    const rule = await created<RoutingRule>(a, '/routing-rules', { name: 'Germany', conditions: [{ field: 'country', op: 'equals', value: 'DE' }], action: 'assign', assignees: [{ userId: dana }] })
    const before = await rulesOf(a)

    expect((await api(b, 'GET', `/routing-rules/${rule.id}`)).status).toBe(404)
    expect((await api(b, 'PATCH', `/routing-rules/${rule.id}`, { enabled: false })).status).toBe(404)
    expect((await api(b, 'DELETE', `/routing-rules/${rule.id}`)).status).toBe(404)
    const reorder = await api<Problem>(b, 'POST', '/routing-rules/reorder', { ids: [rule.id] })
    expect(reorder.status).toBe(422)
    expect(reorder.body.errors).toEqual([{ path: 'ids.0', message: 'No such routing rule in this workspace.' }])
    expect((await b.get(`/settings/routing/${rule.id}/edit`)).status).toBe(404)
    expect((await b.get(`/settings/routing/${rule.id}/delete`)).status).toBe(404)
    for (const [path, form] of [
      [`/settings/routing/${rule.id}`, { name: 'Hijacked', action: 'assign', assignTo: dana }],
      [`/settings/routing/${rule.id}/enabled`, { enabled: 'false' }],
      [`/settings/routing/${rule.id}/move`, { direction: 'up' }],
      [`/settings/routing/${rule.id}/delete`, {}],
    ] as const) {
      expect((await b.post(path, form)).status, path).toBe(404)
    }

    expect(await rulesOf(b)).toEqual([])
    const page = await (await b.get('/settings/routing')).text()
    expect(page).not.toContain(rule.id)
    expect(page).not.toContain(dana)
    expect(await rulesOf(a)).toEqual(before)
    // B's preview never sees A's rules.
    expect((await api(b, 'POST', '/routing/preview', { country: 'DE' })).body).toEqual({ ruleId: null, ruleName: null, ownerId: null })
  })

  it("refuses another workspace's people as assignees or default owner", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const repOfA = (await me(await addMember(a, 'rep'))).userId
    const res = await api<Problem>(b, 'POST', '/routing-rules', { name: 'Poach', action: 'assign', assignees: [{ userId: repOfA }] })
    expect(res.status).toBe(422)
    expect(res.body.errors?.map((e) => e.path)).toEqual(['assignees.0.userId'])
    const form = await b.post('/settings/routing', { name: 'Poach', action: 'round_robin', [`rr.${repOfA}`]: 'on' })
    expect(form.status).toBe(422)
    expect((await api(b, 'PUT', '/routing/default-owner', { userId: repOfA })).status).toBe(422)
    expect((await b.post('/settings/routing/default-owner', { userId: repOfA })).status).toBe(422)
    expect(await rulesOf(b)).toEqual([])
  })

  it("routes a workspace's leads by its own rules only, and never another's lead", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const [wsA, wsB] = [(await me(a)).workspace.id, (await me(b)).workspace.id]
    const dana = (await me(await addMember(a, 'rep', 'Dana'))).userId
    await created<RoutingRule>(a, '/routing-rules', { name: 'All', action: 'assign', assignees: [{ userId: dana }] })
    const db = testDb()
    const [leadOfB] = await db.insert(leads).values({ tenantId: wsB, firstName: 'Bea' }).returning({ id: leads.id })
    const [leadOfA] = await db.insert(leads).values({ tenantId: wsA, firstName: 'Al' }).returning({ id: leads.id })
    expect(await assignRoutedOwner(db, wsB, leadOfB?.id ?? '', {})).toBeNull()
    // A's rules, pointed at B's lead: the lead is not in A, so nothing is written.
    expect(await assignRoutedOwner(db, wsA, leadOfB?.id ?? '', {})).toBeNull()
    expect((await db.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.id, leadOfB?.id ?? '')))[0]?.ownerId).toBeNull()
    expect(await assignRoutedOwner(db, wsA, leadOfA?.id ?? '', {})).toBe(dana)
  })
})
