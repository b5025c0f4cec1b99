import { describe, expect, it } from 'vitest'
import { me, signUp } from '../helpers/auth'
import { allPages, api, created, type Problem } from '../helpers/records'
import { deal, salesPipeline, type Deal } from './fixtures'

// Workspace B knows workspace A's ids (deal, pipeline, stage, account, contact) and tries them
// everywhere: every read and write is a 404, and a link to them is refused by name.
async function twoWorkspaces() {
  const a = await signUp({ workspace: 'Tenant A' })
  const b = await signUp({ workspace: 'Tenant B' })
  const [salesA, salesB] = await Promise.all([salesPipeline(a), salesPipeline(b)])
  const account = await created<{ id: string }>(a, '/accounts', { name: 'A Corp' })
  const contact = await created<{ id: string }>(a, '/contacts', { firstName: 'Ada', lastName: 'A' })
  const dealA = await deal(a, { name: 'A secret deal', amount: 5000, accountId: account.id, contactId: contact.id })
  return { a, b, salesA, salesB, account, contact, dealA }
}

describe('opportunity tenancy', () => {
  it("404s another workspace's deal in the API", async () => {
    const { b, salesB, dealA } = await twoWorkspaces()
    expect((await api(b, 'GET', `/opportunities/${dealA.id}`)).status).toBe(404)
    expect((await api(b, 'PATCH', `/opportunities/${dealA.id}`, { name: 'Mine' })).status).toBe(404)
    expect((await api(b, 'PATCH', `/opportunities/${dealA.id}`, { stage: salesB.stage('Proposal').id })).status).toBe(404)
    expect((await api(b, 'DELETE', `/opportunities/${dealA.id}`)).status).toBe(404)
    expect((await api(b, 'GET', `/opportunities/${dealA.id}/timeline`)).status).toBe(404)
    expect(await allPages(b, '/opportunities', 50)).toEqual([])
  })

  it("404s another workspace's deal, pipeline and stage in the UI, and changes nothing", async () => {
    const { a, b, salesA, salesB, dealA } = await twoWorkspaces()
    for (const path of [`/opportunities/${dealA.id}`, `/opportunities/${dealA.id}/edit`, `/opportunities/${dealA.id}/timeline`, `/opportunities/board?pipeline=${salesA.id}`]) {
      expect((await b.get(path)).status, path).toBe(404)
    }
    const posts: [string, Record<string, string>][] = [
      [`/opportunities/${dealA.id}`, { name: 'Mine now', stage: salesB.stage('Qualification').id }],
      [`/opportunities/${dealA.id}/stage`, { stageId: salesB.stage('Proposal').id, back: 'board' }],
      [`/opportunities/${dealA.id}/stage`, { stageId: salesA.stage('Proposal').id }],
      [`/opportunities/${dealA.id}/status`, { status: 'won' }],
      [`/opportunities/${dealA.id}/owner`, { ownerId: '' }],
      [`/opportunities/${dealA.id}/archive`, {}],
      [`/settings/pipelines/${salesA.id}`, { name: 'Hijacked' }],
      [`/settings/pipelines/${salesA.id}/stages`, { name: 'Injected', probability: '5', rottingDays: '' }],
      [`/settings/pipelines/stages/${salesA.stage('Proposal').id}`, { name: 'Renamed', probability: '5', rottingDays: '' }],
      [`/settings/pipelines/stages/${salesA.stage('Proposal').id}/move`, { direction: 'up' }],
    ]
    for (const [path, form] of posts) expect((await b.post(path, form)).status, path).toBe(404)
    // A bulk action over another workspace's ids touches nothing.
    expect((await b.post('/opportunities/bulk', { ids: dealA.id, action: 'archive' })).status).toBe(303)

    const after = (await api<Deal>(a, 'GET', `/opportunities/${dealA.id}`)).body
    expect(after).toMatchObject({ name: 'A secret deal', stage: salesA.stage('Qualification').id, status: 'open', ownerId: (await me(a)).userId })
    expect((await salesPipeline(a)).stages.map((s) => s.name)).toEqual(salesA.stages.map((s) => s.name))
    expect((await salesPipeline(a)).name).toBe('Sales')
  })

  it("refuses another workspace's stage, pipeline, account and contact as links (422 naming each)", async () => {
    const { b, salesA, account, contact } = await twoWorkspaces()
    const refused = async (body: Record<string, unknown>) => {
      const res = await api<Problem>(b, 'POST', '/opportunities', { name: 'Linked', ...body })
      expect(res.status, JSON.stringify(body)).toBe(422)
      return (res.body.errors ?? []).map((e) => e.path).sort()
    }
    expect(await refused({ stage: salesA.stage('Proposal').id })).toEqual(['stage'])
    expect(await refused({ pipelineId: salesA.id })).toEqual(['pipelineId'])
    expect(await refused({ accountId: account.id, contactId: contact.id })).toEqual(['accountId', 'contactId'])
    const mine = await deal(b, { name: 'B deal' })
    const patched = await api<Problem>(b, 'PATCH', `/opportunities/${mine.id}`, { accountId: account.id, contactId: contact.id })
    expect((patched.body.errors ?? []).map((e) => e.path).sort()).toEqual(['accountId', 'contactId'])
    expect(await allPages(b, `/opportunities?stage=${salesA.stage('Qualification').id}`, 50)).toEqual([])
  })
})
