import { describe, expect, it } from 'vitest'
import { enabledRulesQuery, listEnabledRules, rulesFromRows } from '../../src/db/queries/scoring-rules'
import { DEFAULT_SCORING_RULES } from '../../src/domain/scoring/engine'
import type { ScoringRule } from '../../src/domain/scoring/rules'
import { testDb } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { api, type Problem } from '../helpers/records'

// Workspace B's admin knows workspace A's rule ids and tries them on every route: each is a 404,
// B's own lists never show them, and A's rules stay as they were.
describe('scoring rule tenancy', () => {
  it("404s another workspace's rules in the API and on the settings pages, and changes nothing", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const rulesOf = async (who: typeof a) => (await api<{ data: ScoringRule[] }>(who, 'GET', '/scoring-rules')).body.data
    const before = await rulesOf(a)
    const target = before[0]?.id ?? ''

    expect((await api(b, 'GET', `/scoring-rules/${target}`)).status).toBe(404)
    expect((await api(b, 'PATCH', `/scoring-rules/${target}`, { points: 99 })).status).toBe(404)
    expect((await api(b, 'DELETE', `/scoring-rules/${target}`)).status).toBe(404)
    expect((await b.get(`/settings/scoring/${target}/edit`)).status).toBe(404)
    expect((await b.get(`/settings/scoring/${target}/delete`)).status).toBe(404)
    for (const [path, form] of [
      [`/settings/scoring/${target}`, { name: 'Hijacked', points: '99', field: 'title', op: 'contains', value: 'x' }],
      [`/settings/scoring/${target}/enabled`, { enabled: 'false' }],
      [`/settings/scoring/${target}/delete`, {}],
    ] as const) {
      expect((await b.post(path, form)).status, path).toBe(404)
    }

    const theirs = new Set(before.map((r) => r.id))
    expect((await rulesOf(b)).some((r) => theirs.has(r.id))).toBe(false)
    expect(await (await b.get('/settings/scoring')).text()).not.toContain(target)
    expect(await rulesOf(a)).toEqual(before)
  })

  it("refuses a member of another workspace as a threshold's assignee", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const repOfA = (await me(await addMember(a, 'rep'))).userId
    const res = await api<Problem>(b, 'POST', '/scoring-rules', { kind: 'threshold', name: 'Poach', minScore: 50, assignTo: repOfA })
    expect(res.status).toBe(422)
    expect(res.body.errors?.map((e) => e.path)).toEqual(['assignTo'])
    const page = await b.post('/settings/scoring', { kind: 'threshold', name: 'Poach', minScore: '50', assignTo: repOfA })
    expect(page.status).toBe(422)
    // The assignee list offers only B's own people.
    expect(await page.text()).not.toContain(repOfA)
  })

  it("gives scoring only the workspace's own enabled rules", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const [tenantA, tenantB] = [(await me(a)).workspace.id, (await me(b)).workspace.id]
    const { data } = (await api<{ data: ScoringRule[] }>(a, 'GET', '/scoring-rules')).body
    const off = data.find((r) => r.name === 'MQL')
    expect((await api(a, 'PATCH', `/scoring-rules/${off?.id}`, { enabled: false })).status).toBe(200)

    const db = testDb()
    const enabled = await listEnabledRules(db, tenantA)
    expect(enabled.map((r) => r.name)).toEqual(DEFAULT_SCORING_RULES.map((r) => r.name).filter((n) => n !== 'MQL'))
    expect(enabled.every((r) => data.some((d) => d.id === r.id))).toBe(true)
    // The unawaited form batches with other reads and gives the same rules.
    const [rowsA, rowsB] = await db.batch([enabledRulesQuery(db, tenantA), enabledRulesQuery(db, tenantB)])
    expect(rulesFromRows(rowsA)).toEqual(enabled)
    expect(rulesFromRows(rowsB)).toHaveLength(DEFAULT_SCORING_RULES.length)
    expect(rulesFromRows(rowsB).some((r) => data.some((d) => d.id === r.id))).toBe(false)
  })
})
