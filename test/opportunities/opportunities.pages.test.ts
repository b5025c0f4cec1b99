import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { opportunities } from '../../src/db/schema'
import { request, testDb } from '../helpers/app'
import { ORIGIN, addMember, fieldError, inputValue, me, signUp } from '../helpers/auth'
import { api, eventsOf } from '../helpers/records'
import { deal, salesPipeline, type Deal } from './fixtures'

const db = testDb()
const HTMX = { 'HX-Request': 'true' }

// One board column's markup, from its <section> to the next.
const columnOf = (html: string, stageId: string) => new RegExp(`<section class="board-column" data-drop-stage="${stageId}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? ''

describe('opportunity pages', () => {
  it('creates a deal from the form and shows it, with its history loading lazily', async () => {
    const admin = await signUp()
    const sales = await salesPipeline(admin)
    const res = await admin.post('/opportunities', { name: 'Globex expansion', amount: '12500', currency: '', stage: sales.stage('Discovery').id, probability: '', closeDate: '2026-09-30', status: 'open', lostReason: '', ownerId: (await me(admin)).userId, tags: 'Q3, upsell', accountId: '', contactId: '' })
    expect(res.status).toBe(303)
    const path = res.headers.get('location') ?? ''
    const page = await (await admin.get(path)).text()
    expect(page).toContain('Globex expansion')
    expect(page).toContain('$12,500.00')
    expect(page).toContain('$3,125.00')
    expect(page).toContain('<span id="deal-probability">25%</span>')
    expect(page).toContain(`hx-get="${path}/timeline"`)
    const history = await (await admin.get(`${path}/timeline`, HTMX)).text()
    expect(history).toContain('created Globex expansion')
  })

  it('re-renders the form with 422, the typed values and field errors', async () => {
    const admin = await signUp()
    const sales = await salesPipeline(admin)
    const res = await admin.post('/opportunities', { name: '', amount: '12,50', currency: 'euro', stage: sales.stage('Proposal').id, probability: '140', closeDate: '2026-02-30', status: 'lost', lostReason: '', tags: 'a' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'name')).toContain('required')
    expect(fieldError(html, 'amount')).toContain('two decimals')
    expect(fieldError(html, 'currency')).toContain('three-letter')
    expect(fieldError(html, 'probability')).toContain('0 to 100')
    expect(inputValue(html, 'amount')).toBe('12,50')
    expect(inputValue(html, 'currency')).toBe('euro')
    expect(inputValue(html, 'tags')).toBe('a')
    expect(html).toMatch(new RegExp(`<option value="${sales.stage('Proposal').id}" selected`))

    // A stage of another workspace passes the schema but not the write: 422 on the same form.
    const other = await salesPipeline(await signUp())
    const foreign = await admin.post('/opportunities', { name: 'Sneaky', stage: other.stage('Proposal').id })
    expect(foreign.status).toBe(422)
    expect(fieldError(await foreign.text(), 'stage')).toContain('Choose a stage')
  })

  it('edits a deal; a new stage with the probability left empty takes the stage default', async () => {
    const admin = await signUp()
    const sales = await salesPipeline(admin)
    const d = await deal(admin, { name: 'Edit me', amount: 100 })
    const form = await (await admin.get(`/opportunities/${d.id}/edit`)).text()
    expect(inputValue(form, 'name')).toBe('Edit me')
    expect(inputValue(form, 'amount')).toBe('100.00')
    expect(inputValue(form, 'probability')).toBe('')
    const res = await admin.post(`/opportunities/${d.id}`, { name: 'Edited', amount: '100.00', stage: sales.stage('Negotiation').id, probability: '', status: 'open', lostReason: '', tags: '' })
    expect(res.status).toBe(303)
    const after = (await api<Deal>(admin, 'GET', `/opportunities/${d.id}`)).body
    expect(after).toMatchObject({ name: 'Edited', stage: sales.stage('Negotiation').id, probability: 75 })
  })

  it('lists with filters in the URL, answers htmx with just the results, and hides amounts from support', async () => {
    const admin = await signUp()
    const sales = await salesPipeline(admin)
    await deal(admin, { name: 'Alpha deal', amount: 1000, stage: sales.stage('Proposal').id })
    await deal(admin, { name: 'Beta deal', amount: 2000 })
    const full = await (await admin.get(`/opportunities?stage=${sales.stage('Proposal').id}`)).text()
    expect(full).toContain('<html')
    expect(full).toContain('Alpha deal')
    expect(full).not.toContain('Beta deal')
    expect(full).toContain('$1,000.00')
    const fragment = await (await admin.get('/opportunities?sort=amount', HTMX)).text()
    expect(fragment).not.toContain('<html')
    expect(fragment.indexOf('Beta deal')).toBeLessThan(fragment.indexOf('Alpha deal'))
    const support = await addMember(admin, 'support')
    const seen = await (await support.get('/opportunities')).text()
    expect(seen).toContain('Alpha deal')
    expect(seen).not.toContain('$1,000.00')
  })

  it('changes status inline, asking for a reason when the deal is lost', async () => {
    const admin = await signUp()
    const d = await deal(admin, { name: 'Inline status' })
    const missing = await admin.post(`/opportunities/${d.id}/status`, { status: 'lost', lostReason: '' }, HTMX)
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Say why the deal was lost.')
    const lost = await admin.post(`/opportunities/${d.id}/status`, { status: 'lost', lostReason: 'Went with a rival' }, HTMX)
    expect(lost.status).toBe(200)
    expect(JSON.parse(lost.headers.get('hx-trigger') ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })
    expect((await api<Deal>(admin, 'GET', `/opportunities/${d.id}`)).body).toMatchObject({ status: 'lost', lostReason: 'Went with a rival' })
    expect((await admin.post(`/opportunities/${d.id}/status`, { status: 'won' })).status).toBe(303)
  })

  it('bulk-assigns and tags selected deals', async () => {
    const admin = await signUp()
    const manager = await addMember(admin, 'manager')
    const managerId = (await me(manager)).userId
    const a = await deal(admin, { name: 'Bulk A' })
    const b = await deal(admin, { name: 'Bulk B' })
    const assigned = await fetchForm(admin.cookie, '/opportunities/bulk', new URLSearchParams([['ids', a.id], ['ids', b.id], ['action', 'assign'], ['ownerId', managerId], ['back', '/opportunities?status=open']]))
    expect(assigned.status).toBe(303)
    expect(assigned.headers.get('location')).toBe('/opportunities?status=open')
    expect((await api<Deal>(admin, 'GET', `/opportunities/${a.id}`)).body.ownerId).toBe(managerId)
    expect((await api<Deal>(admin, 'GET', `/opportunities/${b.id}`)).body.ownerId).toBe(managerId)
    const tagged = await fetchForm(admin.cookie, '/opportunities/bulk', new URLSearchParams([['ids', a.id], ['action', 'tag'], ['tagName', 'Hot']]))
    expect(tagged.status).toBe(303)
    expect((await api<Deal>(admin, 'GET', `/opportunities/${a.id}`)).body.tags).toEqual(['Hot'])
    const tenantId = (await me(admin)).workspace.id
    expect((await eventsOf(tenantId, a.id)).map((e) => e.eventType)).toEqual(['created', 'owner_changed', 'updated'])
  })
})

describe('pipeline board', () => {
  it('shows stages as columns with raw and weighted totals and flags rotting deals', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const sales = await salesPipeline(admin)
    const proposal = sales.stage('Proposal').id
    await deal(admin, { name: 'Big one', amount: '1000.00', stage: proposal, closeDate: '2026-05-01' })
    const stale = await deal(admin, { name: 'Stale one', amount: '500.50', stage: proposal })
    await deal(admin, { name: 'Euro one', amount: 200, currency: 'EUR', stage: proposal, probability: 25 })
    await deal(admin, { name: 'Won one', amount: 9999, stage: proposal, status: 'won' })
    await db.update(opportunities).set({ stageEnteredAt: new Date(Date.now() - 30 * 86_400_000) }).where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.id, stale.id)))

    const res = await admin.get('/opportunities/board')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<script src="/js/board.js" defer=""></script>')
    const column = columnOf(html, proposal)
    expect(column).toContain('<span class="board-count">3</span>')
    // One total per currency, never a sum across them.
    expect(column).toContain('data-total="raw"><span class="money">€200.00 · $1,500.50</span>')
    expect(column).toContain('data-total="weighted"><span class="money">€50.00 · $750.25</span>')
    expect(column).not.toContain('Won one')
    expect(/<li class="board-card rotting"[^>]*>[\s\S]*?<\/li>/.exec(column)?.[0]).toContain('Stale one')
    expect(columnOf(html, sales.stage('Qualification').id)).toContain('<span class="board-count">0</span>')
    expect(html).toContain('$1,500.50')
    expect(html).not.toContain('board-pipeline')
  })

  it('moves a deal with the card form (303 back to the board) or a drag (the columns come back)', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const sales = await salesPipeline(admin)
    const d = await deal(admin, { name: 'Mover', amount: 100 })
    const moved = await admin.post(`/opportunities/${d.id}/stage`, { stageId: sales.stage('Closing').id, back: 'board' })
    expect(moved.status).toBe(303)
    expect(moved.headers.get('location')).toBe(`/opportunities/board?pipeline=${sales.id}`)
    expect((await api<Deal>(admin, 'GET', `/opportunities/${d.id}`)).body).toMatchObject({ stage: sales.stage('Closing').id, probability: 90 })

    const dragged = await admin.post(`/opportunities/${d.id}/stage`, { stageId: sales.stage('Discovery').id, back: 'board' }, { ...HTMX, 'X-Requested-With': 'htmx' })
    expect(dragged.status).toBe(200)
    const html = await dragged.text()
    expect(html).toMatch(/^<div id="board-columns"/)
    expect(columnOf(html, sales.stage('Discovery').id)).toContain('Mover')
    expect(columnOf(html, sales.stage('Closing').id)).not.toContain('Mover')
    expect((await eventsOf(tenantId, d.id)).map((e) => e.eventType)).toEqual(['created', 'stage_changed', 'stage_changed'])

    // The detail page's inline picker gets itself back, with the new probability out of band.
    const inline = await admin.post(`/opportunities/${d.id}/stage`, { stageId: sales.stage('Proposal').id }, HTMX)
    expect(await inline.text()).toContain('<span id="deal-probability" hx-swap-oob="true">50%</span>')
    // The history names the stages, not their ids.
    const history = await (await admin.get(`/opportunities/${d.id}/timeline`, HTMX)).text()
    expect(history).toContain('changed Stage from Discovery to Proposal')
  })

  it('switches between pipelines and 404s on one that is not this workspace', async () => {
    const admin = await signUp()
    await admin.post('/settings/pipelines', { name: 'Renewals' })
    const [sales, renewals] = (await api<{ data: { id: string; name: string }[] }>(admin, 'GET', '/pipelines')).body.data
    const html = await (await admin.get(`/opportunities/board?pipeline=${renewals?.id}`)).text()
    expect(html).toContain('<h1>Renewals pipeline</h1>')
    expect(html).toContain(`<option value="${sales?.id}">Sales</option>`)
    expect((await admin.get(`/opportunities/board?pipeline=${crypto.randomUUID()}`)).status).toBe(404)
    expect((await admin.get('/opportunities/board?pipeline=nope')).status).toBe(404)
  })
})

describe('pipeline settings', () => {
  it('lets an admin add, edit and reorder stages, and no one else', async () => {
    const admin = await signUp()
    const sales = await salesPipeline(admin)
    expect((await admin.post(`/settings/pipelines/${sales.id}/stages`, { name: 'Verbal yes', probability: '95', rottingDays: '' })).status).toBe(303)
    const bad = await admin.post(`/settings/pipelines/stages/${sales.stage('Proposal').id}`, { name: 'Proposal sent', probability: '150', rottingDays: '0' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain(`value="Proposal sent"`)
    expect(html).toContain('Enter a probability from 0 to 100.')
    expect((await admin.post(`/settings/pipelines/stages/${sales.stage('Proposal').id}`, { name: 'Proposal sent', probability: '55', rottingDays: '21' })).status).toBe(303)
    expect((await admin.post(`/settings/pipelines/stages/${sales.stage('Closing').id}/move`, { direction: 'up' })).status).toBe(303)

    const after = await salesPipeline(admin)
    expect(after.stages.map((s) => s.name)).toEqual(['Qualification', 'Discovery', 'Proposal sent', 'Closing', 'Negotiation', 'Verbal yes'])
    expect(after.stage('Proposal sent')).toMatchObject({ probability: 55, rottingDays: 21 })
    expect(after.stage('Verbal yes')).toMatchObject({ probability: 95, rottingDays: null })

    const manager = await addMember(admin, 'manager')
    expect((await manager.get('/settings/pipelines')).status).toBe(403)
    expect((await manager.post(`/settings/pipelines/${sales.id}/stages`, { name: 'X', probability: '5', rottingDays: '' })).status).toBe(403)
  })
})

// A form post that keeps repeated names (the bulk form's ids), as a browser sends it.
function fetchForm(cookie: string, path: string, body: URLSearchParams) {
  return request(path, { method: 'POST', body, headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })
}
