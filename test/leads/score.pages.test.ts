import { describe, expect, it } from 'vitest'
import { leadScoreHistory } from '../../src/db/schema'
import type { ScoringRuleInput } from '../../src/domain/scoring/rules'
import { testDb } from '../helpers/app'
import { addMember, createToken, fieldError, inputValue, me, signUp, withToken } from '../helpers/auth'
import { api, created, type Problem } from '../helpers/records'
import { deliver, formSubmitted, logOnLead, recompute, seedLead, workspace, type Workspace } from '../jobs/scoring-fixtures'

const db = testDb()

const VP: ScoringRuleInput = { kind: 'fit', name: 'Title contains VP', points: 15, condition: { op: 'contains', field: 'title', value: 'VP' }, enabled: true }
const REPLIED: ScoringRuleInput = { kind: 'engagement', name: 'Replied to an email', points: 10, signal: 'email_replied', halfLifeDays: null, enabled: true }
const FORM: ScoringRuleInput = { kind: 'engagement', name: 'Submitted a form', points: 20, signal: 'form_submitted', halfLifeDays: 30, enabled: true }

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)
const selectedOption = (html: string, name: string) => new RegExp(`<select[^>]*name="${name}"[^>]*>[\\s\\S]*?<option value="([^"]*)" selected`).exec(html)?.[1] ?? null

async function scoredLead(ws: Workspace) {
  const id = await seedLead(ws, { title: 'VP Sales', firstName: 'Ada', lastName: 'Lovelace' })
  await logOnLead(ws, id, 'email', 'replied')
  await logOnLead(ws, id, 'email', 'replied')
  await formSubmitted(ws, id, new Date(Date.now() - 15 * 86_400_000))
  await deliver([recompute(ws, id)])
  return id
}

describe('lead industry, company size and country', () => {
  it('are saved from the form and the API, shown on the page, and checked', async () => {
    const admin = await signUp()
    const res = await admin.post('/leads', { lastName: 'Lovelace', industry: 'Software', companySize: '51-200', country: ' de ', ownerId: (await me(admin)).userId })
    expect(res.status).toBe(303)
    const path = res.headers.get('location') ?? ''
    const page = await (await admin.get(path)).text()
    expect(page).toContain('Software')
    expect(page).toContain('51-200 people')
    expect(page).toContain('Germany (DE)')
    const lead = (await api<{ industry: string; companySize: string; country: string }>(admin, 'GET', `/leads${path.slice('/leads'.length)}`)).body
    expect(lead).toMatchObject({ industry: 'Software', companySize: '51-200', country: 'DE' })
    const edit = await (await admin.get(`${path}/edit`)).text()
    expect(selectedOption(edit, 'companySize')).toBe('51-200')
    expect(inputValue(edit, 'country')).toBe('DE')

    const bad = await admin.post('/leads', { lastName: 'Typo', country: 'XX', companySize: 'huge' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(fieldError(html, 'country')).toContain('two-letter country code')
    expect(fieldError(html, 'companySize')).toContain('company size')
    expect(inputValue(html, 'country')).toBe('XX')
    const viaApi = await api<Problem>(admin, 'POST', '/leads', { lastName: 'X', country: 'Germany', companySize: '7' })
    expect(viaApi.status).toBe(422)
    expect(viaApi.body.errors?.map((e) => e.path).sort()).toEqual(['companySize', 'country'])
    // Clearing them is allowed.
    const patched = await api<{ country: string | null; companySize: string | null }>(admin, 'PATCH', `/leads${path.slice('/leads'.length)}`, { country: null, companySize: '' })
    expect(patched.body).toMatchObject({ country: null, companySize: null })
  })
})

describe('the score on the lead page', () => {
  it('shows the score with a 30-day sparkline and each rule that contributed', async () => {
    const ws = await workspace([VP, REPLIED, FORM])
    const id = await scoredLead(ws)
    await db.insert(leadScoreHistory).values([
      { tenantId: ws.tenantId, leadId: id, day: day(40), score: 90 },
      { tenantId: ws.tenantId, leadId: id, day: day(20), score: 10 },
      { tenantId: ws.tenantId, leadId: id, day: day(5), score: 30 },
    ])
    const html = await (await ws.admin.get(`/leads/${id}`)).text()
    const lead = (await api<{ score: number }>(ws.admin, 'GET', `/leads/${id}`)).body
    expect(lead.score).toBe(49)
    expect(html).toContain('<strong>49</strong>')
    const svg = /<svg class="sparkline"[^>]*>[\s\S]*?<\/svg>/.exec(html)?.[0] ?? ''
    expect(svg).toContain('role="img"')
    // The day 40 days ago is outside the window.
    expect(svg).toMatch(/aria-label="Score over the last 30 days: 10 on [^,]+, 49 on [^;]+; lowest 10, highest 49\."/)
    expect(svg).toContain('<polyline')
    expect(html).toContain('Why this score')
    const lines = [...html.matchAll(/<li data-kind="(fit|engagement)">([^<]*)<\/li>/g)].map((m) => m[2])
    expect(lines).toEqual(['+20 Replied to an email ×2', '+15 Title contains VP', '+14.1 Submitted a form (fading)'])
  })

  it('explains a score of 0: no rules, not scored yet, or nothing matches', async () => {
    const none = await workspace([])
    const unscored = await seedLead(none)
    expect(await (await none.admin.get(`/leads/${unscored}`)).text()).toContain('This workspace has no scoring rules yet')
    const ws = await workspace([VP])
    const waiting = await seedLead(ws, { title: 'Engineer' })
    expect(await (await ws.admin.get(`/leads/${waiting}`)).text()).toContain('Not scored yet')
    await deliver([recompute(ws, waiting)])
    const page = await (await ws.admin.get(`/leads/${waiting}`)).text()
    expect(page).toContain('No scoring rule matches this lead yet')
    expect(page).toMatch(/aria-label="Score over the last 30 days: 0, recorded on [^"]+ only\."/)
  })

  it('escapes rule names, and offers the rules page to admins only', async () => {
    const ws = await workspace([{ ...VP, name: '<b>VIP</b> title' }])
    const id = await seedLead(ws, { title: 'VP' })
    await deliver([recompute(ws, id)])
    const html = await (await ws.admin.get(`/leads/${id}`)).text()
    expect(html).toContain('+15 &lt;b&gt;VIP&lt;/b&gt; title')
    expect(html).not.toContain('<b>VIP</b>')
    expect(html).toContain('href="/settings/scoring"')
    const rep = await addMember(ws.admin, 'rep')
    const asRep = await (await rep.get(`/leads/${id}`)).text()
    expect(asRep).toContain('+15 &lt;b&gt;VIP&lt;/b&gt; title')
    expect(asRep).not.toContain('href="/settings/scoring"')
  })
})

describe('score tenancy', () => {
  it('another workspace’s lead, its score and history are a 404', async () => {
    const a = await workspace([VP])
    const id = await scoredLead(a)
    const b = await signUp({ workspace: 'Other' })
    expect((await b.get(`/leads/${id}`)).status).toBe(404)
    expect((await api(b, 'GET', `/leads/${id}`)).status).toBe(404)
    const token = (await createToken(b)).token
    expect((await withToken(token, `/api/v1/leads/${id}`)).status).toBe(404)
    const mine = await created<{ id: string; score: number; scoreBreakdown: unknown[] }>(b, '/leads', { lastName: 'Own' })
    expect(mine).toMatchObject({ score: 0, scoreBreakdown: [] })
  })
})
