import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, created, eventsOf, type Problem } from '../helpers/records'
import { addPipeline, deal, historyOf, pipelinesOf, salesPipeline, type Deal } from './fixtures'

const paths = (p: Problem) => (p.errors ?? []).map((e) => e.path).sort()

describe('GET /api/v1/pipelines', () => {
  it('gives every new workspace, from sign-up or the workspace menu, the default Sales pipeline', async () => {
    const admin = await signUp()
    const expected = [
      { name: 'Qualification', probability: 10, rottingDays: 14 },
      { name: 'Discovery', probability: 25, rottingDays: 14 },
      { name: 'Proposal', probability: 50, rottingDays: 10 },
      { name: 'Negotiation', probability: 75, rottingDays: 7 },
      { name: 'Closing', probability: 90, rottingDays: 7 },
    ]
    const first = await pipelinesOf(admin)
    expect(first.map((p) => p.name)).toEqual(['Sales'])
    expect(first[0]?.stages).toMatchObject(expected)
    expect((await admin.post('/workspaces', { workspace: 'Second one' })).status).toBe(303)
    const second = await pipelinesOf(admin)
    expect(second[0]?.id).not.toBe(first[0]?.id)
    expect(second[0]?.stages).toMatchObject(expected)
  })
})

describe('opportunities API', () => {
  it('creates a deal with the defaults of its workspace and first stage, then reads, updates and archives it', async () => {
    const admin = await signUp({ workspace: 'Deals API' })
    const who = await me(admin)
    const sales = await salesPipeline(admin)
    const created = await deal(admin, { name: 'Acme renewal', amount: 1250.5, closeDate: '2026-06-30', tags: ['Q2'] })
    expect(created).toMatchObject({
      name: 'Acme renewal',
      amount: '1250.50',
      currency: 'USD',
      pipelineId: sales.id,
      stage: sales.stage('Qualification').id,
      stageName: 'Qualification',
      probability: 10,
      closeDate: '2026-06-30',
      ownerId: who.userId,
      status: 'open',
      lostReason: null,
      tags: ['Q2'],
    })
    expect((await api<Deal>(admin, 'GET', `/opportunities/${created.id}`)).body.amount).toBe('1250.50')

    const renamed = await api<Deal>(admin, 'PATCH', `/opportunities/${created.id}`, { name: 'Acme renewal 2026', amount: '99.9', currency: 'eur' })
    expect(renamed.body).toMatchObject({ name: 'Acme renewal 2026', amount: '99.90', currency: 'EUR' })
    // The same values again are no change, and write no event.
    expect((await api(admin, 'PATCH', `/opportunities/${created.id}`, { name: 'Acme renewal 2026', amount: 99.9 })).status).toBe(200)
    const lost = await api<Deal>(admin, 'PATCH', `/opportunities/${created.id}`, { status: 'lost', lostReason: 'No budget' })
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'No budget' })
    const reopened = await api<Deal>(admin, 'PATCH', `/opportunities/${created.id}`, { status: 'open' })
    expect(reopened.body).toMatchObject({ status: 'open', lostReason: null })
    expect((await api(admin, 'DELETE', `/opportunities/${created.id}`)).status).toBe(204)

    const events = await eventsOf(who.workspace.id, created.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'updated', 'status_changed', 'status_changed', 'archived'])
    expect(events[1]?.payload).toEqual({ changes: { name: { from: 'Acme renewal', to: 'Acme renewal 2026' }, amount: { from: '1250.50', to: '99.90' }, currency: { from: 'USD', to: 'EUR' } } })
    expect(events[2]?.payload).toEqual({ changes: { status: { from: 'open', to: 'lost' }, lostReason: { from: null, to: 'No budget' } } })
    const timeline = await api<{ data: { eventType: string }[]; nextCursor: string | null }>(admin, 'GET', `/opportunities/${created.id}/timeline?limit=2`)
    expect(timeline.body.data.map((e) => e.eventType)).toEqual(['archived', 'status_changed'])
    expect(timeline.body.nextCursor).toEqual(expect.any(String))
    expect(await allPages(admin, '/opportunities', 50)).not.toContain(created.id)
  })

  it('moves a deal to a stage with exactly one stage_changed event and one history row, taking the stage probability', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const sales = await salesPipeline(admin)
    const d = await deal(admin, { name: 'Stage mover' })
    const before = (await historyOf(tenantId, d.id)).length
    const moved = await api<Deal>(admin, 'PATCH', `/opportunities/${d.id}`, { stage: sales.stage('Proposal').id })
    expect(moved.body).toMatchObject({ stage: sales.stage('Proposal').id, stageName: 'Proposal', probability: 50 })

    const events = (await eventsOf(tenantId, d.id)).filter((e) => e.eventType !== 'created')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ eventType: 'stage_changed', payload: { changes: { stageId: { from: sales.stage('Qualification').id, to: sales.stage('Proposal').id }, probability: { from: 10, to: 50 } } } })
    const history = await historyOf(tenantId, d.id)
    expect(history).toHaveLength(before + 1)
    expect(history.at(-1)).toMatchObject({ entityType: 'opportunity', field: 'stage', fromValue: sales.stage('Qualification').id, toValue: sales.stage('Proposal').id })

    // A probability given with the move wins over the stage's.
    const custom = await api<Deal>(admin, 'PATCH', `/opportunities/${d.id}`, { stage: sales.stage('Negotiation').id, probability: 60 })
    expect(custom.body.probability).toBe(60)
  })

  it("rejects a stage of another pipeline, or another workspace's, with 422 naming stage", async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const renewals = await addPipeline(admin, tenantId, 'Renewals')
    const other = await salesPipeline(await signUp())
    const d = await deal(admin, { name: 'Pipeline bound' })
    for (const body of [{ stage: renewals.stages[1]?.id }, { stage: other.stage('Proposal').id }]) {
      const res = await api<Problem>(admin, 'PATCH', `/opportunities/${d.id}`, body)
      expect(res.status).toBe(422)
      expect(paths(res.body)).toEqual(['stage'])
    }
    const mismatch = await api<Problem>(admin, 'POST', '/opportunities', { name: 'X', pipelineId: d.pipelineId, stage: renewals.stages[0]?.id })
    expect(paths(mismatch.body)).toEqual(['stage'])

    // Naming the pipeline too moves the deal there; naming only the pipeline lands in its first stage.
    const moved = await api<Deal>(admin, 'PATCH', `/opportunities/${d.id}`, { pipelineId: renewals.id, stage: renewals.stages[2]?.id })
    expect(moved.body).toMatchObject({ pipelineId: renewals.id, stage: renewals.stages[2]?.id })
    const back = await api<Deal>(admin, 'PATCH', `/opportunities/${d.id}`, { pipelineId: d.pipelineId })
    expect(back.body).toMatchObject({ pipelineId: d.pipelineId, stage: d.stage })
    const started = await deal(admin, { name: 'In renewals', pipelineId: renewals.id })
    expect(started.stage).toBe(renewals.stages[0]?.id)
  })

  it('rejects unknown fields, invalid values and, for reps, ownerId, naming them', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const unknown = await api<Problem>(admin, 'POST', '/opportunities', { name: 'X', tenantId: 'nope', value: 10 })
    expect(unknown.status).toBe(422)
    expect(paths(unknown.body)).toEqual(['tenantId', 'value'])
    const owner = await api<Problem>(rep, 'POST', '/opportunities', { name: 'X', ownerId: (await me(admin)).userId })
    expect(owner.status).toBe(422)
    expect(paths(owner.body)).toEqual(['ownerId'])
    const bad = await api<Problem>(admin, 'POST', '/opportunities', { name: ' ', amount: -5, currency: 'dollars', probability: 101, closeDate: '30/06/2026' })
    expect(paths(bad.body)).toEqual(['amount', 'closeDate', 'currency', 'name', 'probability'])
    expect(paths((await api<Problem>(admin, 'POST', '/opportunities', { name: 'X', amount: '12.345' })).body)).toEqual(['amount'])
    expect(paths((await api<Problem>(admin, 'POST', '/opportunities', { name: 'X', status: 'lost' })).body)).toEqual(['lostReason'])
    const d = await deal(rep, { name: 'Rep deal' })
    expect(paths((await api<Problem>(rep, 'PATCH', `/opportunities/${d.id}`, { ownerId: null })).body)).toEqual(['ownerId'])
    expect(paths((await api<Problem>(admin, 'PATCH', `/opportunities/${d.id}`, { stage: null })).body)).toEqual(['stage'])
    expect((await api(admin, 'PATCH', `/opportunities/${d.id}`, { ownerId: crypto.randomUUID() })).status).toBe(422)
  })

  it('filters by status, stage, pipeline, owner, tag and close date', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const manager = await addMember(admin, 'manager')
    const managerId = (await me(manager)).userId
    const sales = await salesPipeline(admin)
    const renewals = await addPipeline(admin, tenantId, 'Renewals')
    const a = await deal(admin, { name: 'A', closeDate: '2026-01-10', tags: ['hot'] })
    const b = await deal(admin, { name: 'B', closeDate: '2026-02-10', stage: sales.stage('Proposal').id, ownerId: managerId })
    const c = await deal(admin, { name: 'C', status: 'won', pipelineId: renewals.id })
    const ids = async (q: string) => (await allPages(admin, `/opportunities?${q}`, 50)).sort()
    expect(await ids('status=won')).toEqual([c.id])
    expect(await ids(`stage=${sales.stage('Proposal').id}`)).toEqual([b.id])
    expect(await ids(`pipeline=${renewals.id}`)).toEqual([c.id])
    expect(await ids(`owner=${managerId}`)).toEqual([b.id])
    expect(await ids('owner=me')).toEqual([a.id, c.id].sort())
    const hot = (await api<{ data: Deal[] }>(admin, 'GET', '/opportunities')).body.data.find((d) => d.id === a.id)
    expect(hot?.tags).toEqual(['hot'])
    expect(await ids('closeFrom=2026-01-10&closeTo=2026-01-31')).toEqual([a.id])
    expect(await ids('closeFrom=2026-02-01')).toEqual([b.id])
    expect((await api(admin, 'GET', '/opportunities?stage=nope')).status).toBe(422)
    expect((await api(admin, 'GET', '/opportunities?limit=201')).status).toBe(422)
  })

  it('pages through every sort with a keyset cursor, without duplicates or gaps, nulls last', async () => {
    const admin = await signUp()
    const made: Deal[] = []
    const amounts = ['500.00', null, '75.25', '500.00', '1000000.99', null, '0.00']
    const dates = ['2026-03-01', null, '2026-01-15', '2026-03-01', null, '2026-12-31', '2026-01-15']
    for (let i = 0; i < amounts.length; i++) made.push(await created<Deal>(admin, '/opportunities', { name: `Deal ${String.fromCharCode(72 - i)}`, amount: amounts[i], closeDate: dates[i] }))

    const expected = (key: (d: Deal) => string | number | null, dir: 'asc' | 'desc') =>
      [...made]
        .sort((x, y) => {
          const a = key(x)
          const b = key(y)
          if (a === null || b === null) return a === b ? (dir === 'asc' ? (x.id < y.id ? -1 : 1) : x.id < y.id ? 1 : -1) : a === null ? 1 : -1
          if (a !== b) return (a < b ? -1 : 1) * (dir === 'asc' ? 1 : -1)
          return (x.id < y.id ? -1 : 1) * (dir === 'asc' ? 1 : -1)
        })
        .map((d) => d.id)
    const amount = (d: Deal) => (d.amount === null ? null : Number(d.amount))
    for (const limit of [1, 2, 3]) {
      expect(await allPages(admin, '/opportunities?sort=amount', limit)).toEqual(expected(amount, 'desc'))
      expect(await allPages(admin, '/opportunities?sort=amount&dir=asc', limit)).toEqual(expected(amount, 'asc'))
      expect(await allPages(admin, '/opportunities?sort=closeDate', limit)).toEqual(expected((d) => d.closeDate, 'asc'))
      expect(await allPages(admin, '/opportunities?sort=closeDate&dir=desc', limit)).toEqual(expected((d) => d.closeDate, 'desc'))
      expect(await allPages(admin, '/opportunities?sort=name', limit)).toEqual([...made].reverse().map((d) => d.id))
    }
    expect(await allPages(admin, '/opportunities?sort=created&dir=asc', 2)).toEqual(made.map((d) => d.id))
    expect((await api(admin, 'GET', '/opportunities?sort=amount&cursor=garbage')).status).toBe(400)
  })
})
