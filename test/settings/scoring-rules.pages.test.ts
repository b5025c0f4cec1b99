import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING_RULES } from '../../src/domain/scoring/engine'
import type { ScoringRule } from '../../src/domain/scoring/rules'
import { request } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { api } from '../helpers/records'

const PAGE = '/settings/scoring'
const HTMX = { 'HX-Request': 'true' }

const rules = async (who: Browser) => (await api<{ data: ScoringRule[] }>(who, 'GET', '/scoring-rules')).body.data
const ruleNamed = async (who: Browser, name: string) => (await rules(who)).find((r) => r.name === name)

// What a person sees in the form with this id suffix: the value kept in an input, and the
// message under it.
const inputValue = (html: string, id: string) => new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0].match(/\bvalue="([^"]*)"/)?.[1] ?? null
const errorUnder = (html: string, id: string) => new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1] ?? null
const rowOf = (html: string, id: string) => new RegExp(`<tr[^>]*data-rule-id="${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''

const chiefRule = { kind: 'fit', name: 'Chief officer', points: '20', field: 'title', op: 'contains', value: 'Chief' }

describe('/settings/scoring', () => {
  it('shows a new workspace its starter rules in words, grouped by kind', async () => {
    const admin = await signUp()
    const res = await admin.get(PAGE)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Lead scoring</h1>')
    expect(html).toMatch(/<a href="\/settings\/scoring" aria-current="page">Lead scoring<\/a>/)
    const sections = ['Fit', 'Engagement', 'Thresholds'].map((t) => html.indexOf(`>${t}</h2>`))
    expect(sections.every((at, i) => at > 0 && (i === 0 || at > (sections[i - 1] ?? 0)))).toBe(true)
    for (const line of [
      'Title contains “VP” → +15',
      'Email is a work address (not a free mail provider) → +10',
      'Company size is at least 51-200 people → +15',
      'Industry is “Software”, “Technology”, “Financial services” or “Professional services” → +10',
      'Submitted a form → +20 each time, halving every 30 days',
      'Score reaches 60 → mark the lead qualified, email its owner',
    ]) {
      expect(html).toContain(line)
    }
    expect(html.match(/data-rule-id=/g)).toHaveLength(DEFAULT_SCORING_RULES.length)
    expect(html).toContain('nightly recompute')
    expect(html).not.toMatch(/Recompute now/i)
    // Each add form's inputs are labelled, with ids of their own.
    for (const id of ['f-name-new-fit', 'f-points-new-engagement', 'f-minScore-new-threshold', 'f-notifyOwner-new-threshold']) {
      expect(html).toContain(`<label for="${id}">`)
      expect(html.match(new RegExp(`id="${id}"`, 'g'))).toHaveLength(1)
    }
  })

  it('gives a workspace made from the workspace menu the starter rules too', async () => {
    const person = await signUp()
    expect((await person.post('/workspaces', { workspace: 'Second one' })).status).toBe(303)
    expect((await rules(person)).map((r) => r.name)).toEqual(DEFAULT_SCORING_RULES.map((r) => r.name))
  })

  it('adds a fit rule from the form, and with htmx answers with the rules region', async () => {
    const admin = await signUp()
    const res = await admin.post(PAGE, { kind: 'fit', name: 'German-speaking', points: '10', field: 'country', op: 'in', value: 'DE, AT,, ch ' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`${PAGE}?done=added`)
    expect(await ruleNamed(admin, 'German-speaking')).toMatchObject({ kind: 'fit', points: 10, enabled: true, condition: { op: 'in', field: 'country', values: ['DE', 'AT', 'ch'] } })
    const page = await (await admin.get(`${PAGE}?done=added`)).text()
    expect(page).toContain('Rule added.')
    expect(page).toContain('Country is “DE”, “AT” or “ch” → +10')

    const fragment = await admin.post(PAGE, { ...chiefRule, points: '-5' }, HTMX)
    expect(fragment.status).toBe(200)
    const region = await fragment.text()
    expect(region.startsWith('<div id="scoring-rules">')).toBe(true)
    expect(region).toContain('Title contains “Chief” → -5')
    expect(region).toContain('Rule added.')
  })

  it('adds an engagement rule and a threshold routed to a member', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep', 'Riley Rep')
    const repId = (await me(rep)).userId
    expect((await admin.post(PAGE, { kind: 'engagement', name: 'Pricing page', signal: 'form_submitted', points: '12', halfLifeDays: '' })).status).toBe(303)
    expect((await admin.post(PAGE, { kind: 'threshold', name: 'Hot', minScore: '85', setStatus: '', assignTo: repId, notifyOwner: 'on' })).status).toBe(303)
    expect(await ruleNamed(admin, 'Pricing page')).toMatchObject({ signal: 'form_submitted', points: 12, halfLifeDays: null })
    expect(await ruleNamed(admin, 'Hot')).toMatchObject({ minScore: 85, setStatus: null, assignTo: repId, notifyOwner: true })
    const html = await (await admin.get(PAGE)).text()
    expect(html).toContain('Submitted a form → +12 each time, never fading')
    expect(html).toContain('Score reaches 85 → assign it to Riley Rep, email its owner')
    expect(html).toContain(`<option value="${repId}">Riley Rep</option>`)
  })

  it('keeps what was typed on a 422, with each error under its field', async () => {
    const admin = await signUp()
    const res = await admin.post(PAGE, { kind: 'fit', name: 'Size matters', points: 'ten', field: 'title', op: 'atLeast', value: 'huge' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<h1>Lead scoring</h1>')
    expect(inputValue(html, 'f-name-new-fit')).toBe('Size matters')
    expect(inputValue(html, 'f-points-new-fit')).toBe('ten')
    expect(inputValue(html, 'f-value-new-fit')).toBe('huge')
    expect(html).toMatch(/<option value="atLeast" selected="">/)
    expect(errorUnder(html, 'f-points-new-fit')).toBe('Enter a whole number of points.')
    expect(errorUnder(html, 'f-field-new-fit')).toBe('“At least” compares company sizes: choose Company size as the field.')
    expect(errorUnder(html, 'f-value-new-fit')).toContain('Choose a company size')
    expect(html).toMatch(/<details class="quick-action" open="">\s*<summary>Add a fit rule<\/summary>/)

    const stranger = (await me(await signUp())).userId
    const threshold = await admin.post(PAGE, { kind: 'threshold', name: 'Route', minScore: '50', assignTo: stranger }, HTMX)
    expect(threshold.status).toBe(422)
    const region = await threshold.text()
    expect(region.startsWith('<div id="scoring-rules">')).toBe(true)
    expect(errorUnder(region, 'f-assignTo-new-threshold')).toBe('Choose an active member of this workspace.')
    expect(inputValue(region, 'f-minScore-new-threshold')).toBe('50')
    expect(await ruleNamed(admin, 'Route')).toBeUndefined()
    expect(await rules(admin)).toHaveLength(DEFAULT_SCORING_RULES.length)
  })

  it('edits a rule, keeping whether it is on', async () => {
    const admin = await signUp()
    const vp = await ruleNamed(admin, 'Title contains VP')
    expect((await admin.post(`${PAGE}/${vp?.id}/enabled`, { enabled: 'false' })).status).toBe(303)

    const form = await (await admin.get(`${PAGE}/${vp?.id}/edit`)).text()
    expect(inputValue(form, 'f-name')).toBe('Title contains VP')
    expect(inputValue(form, 'f-value')).toBe('VP')
    expect(inputValue(form, 'f-points')).toBe('15')

    const bad = await admin.post(`${PAGE}/${vp?.id}`, { name: 'Vice presidents', points: '500', field: 'title', op: 'contains', value: 'Vice President' })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(inputValue(badHtml, 'f-name')).toBe('Vice presidents')
    expect(errorUnder(badHtml, 'f-points')).toBe('Points go from -100 to 100.')

    const saved = await admin.post(`${PAGE}/${vp?.id}`, { kind: 'engagement', name: 'Vice presidents', points: '25', field: 'title', op: 'contains', value: 'Vice President' })
    expect(saved.headers.get('Location')).toBe(`${PAGE}?done=saved`)
    expect(await ruleNamed(admin, 'Vice presidents')).toEqual({ id: vp?.id, kind: 'fit', name: 'Vice presidents', points: 25, condition: { op: 'contains', field: 'title', value: 'Vice President' }, enabled: false })
  })

  it('turns rules off and on, and deletes one after asking', async () => {
    const admin = await signUp()
    const mql = await ruleNamed(admin, 'MQL')
    const off = await admin.post(`${PAGE}/${mql?.id}/enabled`, { enabled: 'false' }, HTMX)
    expect(off.status).toBe(200)
    const region = await off.text()
    expect(region).toContain('Rule turned off.')
    expect(rowOf(region, mql?.id ?? '')).toMatch(/<tr class="muted"[\s\S]*<td>Off<\/td>[\s\S]*Turn on/)
    expect((await ruleNamed(admin, 'MQL'))?.enabled).toBe(false)
    expect((await admin.post(`${PAGE}/${mql?.id}/enabled`, { enabled: 'true' })).headers.get('Location')).toBe(`${PAGE}?done=enabled`)
    expect((await ruleNamed(admin, 'MQL'))?.enabled).toBe(true)
    expect((await admin.post(`${PAGE}/${mql?.id}/enabled`, { enabled: 'maybe' })).status).toBe(422)

    const confirm = await admin.get(`${PAGE}/${mql?.id}/delete`)
    expect(confirm.status).toBe(200)
    const confirmHtml = await confirm.text()
    expect(confirmHtml).toContain('Delete “MQL”?')
    expect(confirmHtml).toContain(`<form method="post" action="${PAGE}/${mql?.id}/delete"`)
    expect(await ruleNamed(admin, 'MQL')).toBeDefined()
    const deleted = await admin.post(`${PAGE}/${mql?.id}/delete`, {})
    expect(deleted.headers.get('Location')).toBe(`${PAGE}?done=deleted`)
    expect(await ruleNamed(admin, 'MQL')).toBeUndefined()
    expect((await admin.post(`${PAGE}/${mql?.id}/delete`, {})).status).toBe(404)
    expect((await admin.get(`${PAGE}/${mql?.id}/edit`)).status).toBe(404)
  })

  it('is for admins only', async () => {
    const admin = await signUp()
    const [rule] = await rules(admin)
    for (const role of ['manager', 'rep'] as const) {
      const member = await addMember(admin, role)
      expect((await member.get(PAGE)).status, role).toBe(403)
      expect((await member.post(PAGE, chiefRule)).status, role).toBe(403)
      expect((await member.post(`${PAGE}/${rule?.id}/enabled`, { enabled: 'false' })).status, role).toBe(403)
      expect((await member.post(`${PAGE}/${rule?.id}/delete`, {})).status, role).toBe(403)
      expect(await (await member.get('/my-work')).text()).not.toContain('Lead scoring')
    }
    const signedOut = await request(PAGE, { redirect: 'manual' })
    expect(signedOut.status).toBe(303)
    expect(signedOut.headers.get('Location')).toContain('/login')
    expect(await rules(admin)).toHaveLength(DEFAULT_SCORING_RULES.length)
    expect((await rules(admin))[0]).toEqual(rule)
  })
})
