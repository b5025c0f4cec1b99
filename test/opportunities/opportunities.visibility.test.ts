import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, setVisibility } from '../helpers/records'
import { deal, salesPipeline, type Deal } from './fixtures'

describe('opportunity visibility', () => {
  it('limits a rep in "own" mode to their own deals: list, read, change, move and board', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const sales = await salesPipeline(admin)
    const rep1 = await addMember(admin, 'rep')
    const rep2 = await addMember(admin, 'rep')
    const theirs = await deal(rep2, { name: 'Rep two deal', amount: 700 })
    const mine = await deal(rep1, { name: 'Rep one deal', amount: 300 })
    expect((await api(rep1, 'GET', `/opportunities/${theirs.id}`)).status).toBe(200)

    await setVisibility(tenantId, 'own')
    expect((await api(rep1, 'GET', `/opportunities/${theirs.id}`)).status).toBe(404)
    expect((await api(rep1, 'PATCH', `/opportunities/${theirs.id}`, { name: 'Taken' })).status).toBe(404)
    expect((await api(rep1, 'DELETE', `/opportunities/${theirs.id}`)).status).toBe(404)
    expect((await api(rep1, 'GET', `/opportunities/${theirs.id}/timeline`)).status).toBe(404)
    expect(await allPages(rep1, '/opportunities', 50)).toEqual([mine.id])
    expect((await rep1.get(`/opportunities/${theirs.id}`)).status).toBe(404)
    expect((await rep1.post(`/opportunities/${theirs.id}/stage`, { stageId: sales.stage('Closing').id, back: 'board' })).status).toBe(404)

    const board = await (await rep1.get('/opportunities/board')).text()
    expect(board).toContain('Rep one deal')
    expect(board).not.toContain('Rep two deal')
    expect(board).toContain('$300.00')
    expect(board).not.toContain('$1,000.00')

    expect((await api<Deal>(rep2, 'GET', `/opportunities/${theirs.id}`)).body.name).toBe('Rep two deal')
    expect((await allPages(admin, '/opportunities', 50)).sort()).toEqual([mine.id, theirs.id].sort())
  })

  it('shows support the deals without amounts, and lets them change nothing', async () => {
    const admin = await signUp()
    const sales = await salesPipeline(admin)
    const support = await addMember(admin, 'support')
    const d = await deal(admin, { name: 'Confidential value', amount: '123456.78', stage: sales.stage('Proposal').id })

    const read = await api<Deal>(support, 'GET', `/opportunities/${d.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ name: 'Confidential value', amount: null })
    const listed = await api<{ data: Deal[] }>(support, 'GET', '/opportunities?sort=amount')
    expect(listed.body.data.map((x) => x.amount)).toEqual([null])

    for (const path of [`/opportunities/${d.id}`, '/opportunities', '/opportunities/board']) {
      const html = await (await support.get(path)).text()
      expect(html, path).toContain('Confidential value')
      expect(html, path).not.toMatch(/123,?456|61,728/)
    }
    const board = await (await support.get('/opportunities/board')).text()
    expect(board).not.toContain('draggable="true"')
    expect(board).not.toContain('/js/board.js')

    expect((await api(support, 'PATCH', `/opportunities/${d.id}`, { name: 'Changed' })).status).toBe(403)
    expect((await api(support, 'POST', '/opportunities', { name: 'New' })).status).toBe(403)
    expect((await support.post(`/opportunities/${d.id}/stage`, { stageId: sales.stage('Closing').id })).status).toBe(403)
  })
})
