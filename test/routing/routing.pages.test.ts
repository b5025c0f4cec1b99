import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { routingRules } from '../../src/db/schema'
import type { RoutingRule } from '../../src/domain/routing/rules'
import { testDb } from '../helpers/app'
import { addMember, fieldError, inputValue, me, signUp, type Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'

const PAGE = '/settings/routing'
const HTMX = { 'HX-Request': 'true' }

const rules = async (who: Browser) => (await api<{ data: RoutingRule[] }>(who, 'GET', '/routing-rules')).body.data
const rowOf = (html: string, id: string) => new RegExp(`<tr[^>]*data-rule-id="${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''
const order = (html: string) => [...html.matchAll(/data-rule-id="([^"]+)"/g)].map((m) => m[1])

async function team() {
  const admin = await signUp({ name: 'Ada Admin' })
  const dana = (await me(await addMember(admin, 'rep', 'Dana Schmidt'))).userId
  const evan = (await me(await addMember(admin, 'rep', 'Evan Ito'))).userId
  return { admin, dana, evan }
}

const germany = (dana: string) => ({ name: 'Germany', action: 'assign', assignTo: dana, 'c0.field': 'country', 'c0.op': 'equals', 'c0.value': 'DE' })

describe('/settings/routing', () => {
  it('shows an empty state, the default owner and the preview to a manager', async () => {
    const admin = await signUp()
    const manager = await addMember(admin, 'manager', 'Max Manager')
    const res = await manager.get(PAGE)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Lead routing</h1>')
    expect(html).toMatch(/<a href="\/settings\/routing" aria-current="page">Lead routing<\/a>/)
    expect(html).toContain('No routing rules yet')
    expect(html).toContain('<a href="/settings/routing/new" class="button">Add a rule</a>')
    expect(html).toContain('<label for="f-userId">Default lead owner</label>')
    expect(html).toContain('Test against a sample lead')
    expect(html).toContain('<label for="f-country-preview">Country</label>')
  })

  it('refuses reps, on every page and post', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    expect((await rep.get(PAGE)).status).toBe(403)
    expect((await rep.get(`${PAGE}/new`)).status).toBe(403)
    expect((await rep.post(PAGE, { name: 'x', action: 'assign' })).status).toBe(403)
    expect((await rep.post(`${PAGE}/preview`, {})).status).toBe(403)
    expect((await rep.post(`${PAGE}/default-owner`, { userId: '' })).status).toBe(403)
  })

  it('adds an assign rule and a weighted round robin from the form, and lists them in words', async () => {
    const { admin, dana, evan } = await team()
    const blank = await (await admin.get(`${PAGE}/new`)).text()
    expect(blank).toContain('<h1>Add a routing rule</h1>')
    expect(blank).toContain('<label for="f-assignTo">Assign to</label>')
    expect(blank).toContain('Every condition must hold. With no conditions, the rule takes every lead that reaches it.')
    // Enter in a text input presses the first submit button: Save, not a row's Remove.
    expect(blank).toMatch(/<form method="post" action="\/settings\/routing" novalidate=""><button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">Add rule<\/button>/)
    const add = await admin.post(PAGE, germany(dana))
    expect(add.status).toBe(303)
    expect(add.headers.get('Location')).toBe(`${PAGE}?done=added`)
    const rr = await admin.post(PAGE, { name: 'Big companies', action: 'round_robin', [`rr.${dana}`]: 'on', [`w.${dana}`]: '2', [`rr.${evan}`]: 'on', [`w.${evan}`]: '1', 'c3.field': 'companySize', 'c3.op': 'between', 'c3.min': '200', 'c3.max': '', 'c5.field': 'custom', 'c5.key': 'budget', 'c5.op': 'in', 'c5.value': 'high, very high' })
    expect(rr.status).toBe(303)
    expect(await rules(admin)).toMatchObject([
      { name: 'Germany', position: 1, action: 'assign', assignees: [{ userId: dana, weight: 1 }], conditions: [{ field: 'country', op: 'equals', value: 'DE' }], enabled: true },
      {
        name: 'Big companies',
        position: 2,
        action: 'round_robin',
        assignees: [{ userId: dana, weight: 2 }, { userId: evan, weight: 1 }],
        conditions: [{ field: 'companySize', op: 'between', min: 200, max: null }, { field: 'custom.budget', op: 'in', value: ['high', 'very high'] }],
      },
    ])
    const html = await (await admin.get(`${PAGE}?done=added`)).text()
    expect(html).toContain('Rule added.')
    expect(html).toContain('<td>Country is “DE”</td><td>Assign to Dana Schmidt</td>')
    expect(html).toContain('<td>Company size is at least 200 and Custom field “budget” is “high” or “very high”</td><td>Round robin: Dana Schmidt ×2, Evan Ito ×1</td>')
    expect(html).not.toContain('No routing rules yet')
  })

  it('adds and removes condition rows with htmx, moving the focus, and without JavaScript too', async () => {
    const { admin, dana } = await team()
    const added = await admin.post(PAGE, { name: 'Draft', action: 'assign', assignTo: dana, intent: 'add' }, HTMX)
    expect(added.status).toBe(200)
    const fragment = await added.text()
    expect(fragment.startsWith('<div id="rule-fields">')).toBe(true)
    expect(fragment).toContain('<legend>Condition 1</legend>')
    expect(fragment).toMatch(/<input id="f-c0\.value" name="c0\.value" type="text" value="" autofocus=""/)
    expect(inputValue(fragment, 'name')).toBe('Draft')
    expect(fragment).toContain('aria-label="Remove condition 1"')

    const second = await (await admin.post(PAGE, { name: 'Draft', action: 'assign', assignTo: dana, 'c0.field': 'country', 'c0.op': 'equals', 'c0.value': 'DE', intent: 'add' }, HTMX)).text()
    expect(second).toContain('<legend>Condition 2</legend>')
    expect(inputValue(second, 'c0.value')).toBe('DE')
    const removed = await (await admin.post(PAGE, { name: 'Draft', action: 'assign', assignTo: dana, 'c0.field': 'country', 'c0.op': 'equals', 'c0.value': 'DE', 'c1.field': 'source', 'c1.op': 'contains', 'c1.value': 'ads', intent: 'remove:0' }, HTMX)).text()
    expect(removed).not.toContain('name="c0.value"')
    expect(inputValue(removed, 'c1.value')).toBe('ads')
    expect(removed).toMatch(/id="add-condition"[^>]*autofocus=""/)

    // Changing a row's test redraws it with the inputs that test needs.
    const between = await (await admin.post(PAGE, { name: 'Draft', action: 'round_robin', 'c0.field': 'custom', 'c0.key': 'seats', 'c0.op': 'between', intent: 'refresh' }, HTMX)).text()
    expect(between).toContain('<label for="f-c0.min">From</label>')
    expect(between).toContain('<label for="f-c0.key">Custom field key</label>')
    expect(between).toContain('<legend>Take turns among</legend>')
    expect(between).not.toContain('autofocus')

    const page = await admin.post(PAGE, { name: 'Draft', action: 'assign', assignTo: dana, intent: 'add' })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<h1>Add a routing rule</h1>')
    expect(html).toContain('<legend>Condition 1</legend>')
    expect(await rules(admin)).toEqual([])
  })

  it('keeps what was typed on a 422, with each error under its input', async () => {
    const { admin } = await team()
    const stranger = (await me(await signUp())).userId
    const res = await admin.post(PAGE, { name: ' ', action: 'assign', assignTo: stranger, 'c0.field': 'country', 'c0.op': 'equals', 'c0.value': '', 'c1.field': 'custom', 'c1.key': 'Bad Key', 'c1.op': 'contains', 'c1.value': 'x', 'c2.field': 'companySize', 'c2.op': 'between', 'c2.min': 'ten', 'c2.max': '5' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<h1>Add a routing rule</h1>')
    expect(fieldError(html, 'name')).toBe('Give the rule a name.')
    expect(fieldError(html, 'c0\\.value')).toBe('Enter a value.')
    expect(fieldError(html, 'c1\\.key')).toBe('Choose a lead field, or custom.&lt;key&gt; for a custom field.')
    expect(fieldError(html, 'c2\\.min')).toBe('Enter a number.')
    expect(inputValue(html, 'c1\\.key')).toBe('Bad Key')
    expect(inputValue(html, 'c2\\.min')).toBe('ten')
    expect(inputValue(html, 'c2\\.max')).toBe('5')

    // The schema is happy; the person is not a member here.
    const outsider = await admin.post(PAGE, { name: 'Poach', action: 'assign', assignTo: stranger })
    expect(outsider.status).toBe(422)
    const page = await outsider.text()
    expect(fieldError(page, 'assignTo')).toBe('Choose an active member of this workspace.')
    expect(inputValue(page, 'name')).toBe('Poach')
    expect(page).not.toContain(stranger)
    const nobody = await admin.post(PAGE, { name: 'Nobody', action: 'round_robin' })
    expect(fieldError(await nobody.text(), 'assignees')).toBe('Choose at least one person.')
    expect(await rules(admin)).toEqual([])
  })

  it('edits a rule, keeping whether it is on', async () => {
    const { admin, dana, evan } = await team()
    const rule = await created<RoutingRule>(admin, '/routing-rules', { name: 'Germany', action: 'assign', assignees: [{ userId: dana }], conditions: [{ field: 'country', op: 'in', value: ['DE', 'AT'] }], enabled: false })
    const form = await (await admin.get(`${PAGE}/${rule.id}/edit`)).text()
    expect(form).toContain('<h1>Edit “Germany”</h1>')
    expect(inputValue(form, 'c0\\.value')).toBe('DE, AT')
    expect(form).toMatch(new RegExp(`<option value="${dana}" selected="">Dana Schmidt</option>`))
    const saved = await admin.post(`${PAGE}/${rule.id}`, { name: 'DACH', action: 'assign', assignTo: evan, 'c0.field': 'country', 'c0.op': 'in', 'c0.value': 'DE, AT, CH' })
    expect(saved.status).toBe(303)
    expect(await rules(admin)).toMatchObject([{ id: rule.id, name: 'DACH', enabled: false, assignees: [{ userId: evan }], conditions: [{ value: ['DE', 'AT', 'CH'] }] }])
  })

  it('turns rules on and off and moves them, with htmx and without', async () => {
    const { admin, dana } = await team()
    const [a, b, c] = [await created<RoutingRule>(admin, '/routing-rules', { name: 'A', action: 'assign', assignees: [{ userId: dana }] }), await created<RoutingRule>(admin, '/routing-rules', { name: 'B', action: 'assign', assignees: [{ userId: dana }] }), await created<RoutingRule>(admin, '/routing-rules', { name: 'C', action: 'assign', assignees: [{ userId: dana }] })]
    const page = await (await admin.get(PAGE)).text()
    expect(order(page)).toEqual([a.id, b.id, c.id])
    expect(rowOf(page, a.id)).not.toContain('Move up')
    expect(rowOf(page, c.id)).not.toContain('Move down')

    const moved = await admin.post(`${PAGE}/${c.id}/move`, { direction: 'up' }, HTMX)
    expect(moved.status).toBe(200)
    const region = await moved.text()
    expect(region.startsWith('<div id="routing-rules">')).toBe(true)
    expect(region).toContain('Rule moved.')
    expect(order(region)).toEqual([a.id, c.id, b.id])
    const plain = await admin.post(`${PAGE}/${a.id}/move`, { direction: 'down' })
    expect(plain.status).toBe(303)
    expect((await rules(admin)).map((r) => [r.name, r.position])).toEqual([['C', 1], ['A', 2], ['B', 3]])

    const off = await admin.post(`${PAGE}/${b.id}/enabled`, { enabled: 'false' }, HTMX)
    expect(rowOf(await off.text(), b.id)).toContain('<td>Off</td>')
    expect((await admin.post(`${PAGE}/${b.id}/enabled`, { enabled: 'maybe' })).status).toBe(422)
    expect((await rules(admin)).find((r) => r.id === b.id)?.enabled).toBe(false)
  })

  it('deletes a rule only after confirming', async () => {
    const { admin, dana } = await team()
    const rule = await created<RoutingRule>(admin, '/routing-rules', { name: 'Germany', action: 'assign', assignees: [{ userId: dana }], conditions: [{ field: 'country', op: 'equals', value: 'DE' }] })
    const confirm = await (await admin.get(`${PAGE}/${rule.id}/delete`)).text()
    expect(confirm).toContain('<h1>Delete “Germany”?</h1>')
    expect(confirm).toContain('Country is “DE” → Assign to Dana Schmidt')
    expect(await rules(admin)).toHaveLength(1)
    const res = await admin.post(`${PAGE}/${rule.id}/delete`, {})
    expect(res.headers.get('Location')).toBe(`${PAGE}?done=deleted`)
    expect(await rules(admin)).toEqual([])
  })

  it('sets the default owner, refusing someone from outside', async () => {
    const { admin, dana } = await team()
    const saved = await admin.post(`${PAGE}/default-owner`, { userId: dana })
    expect(saved.headers.get('Location')).toBe(`${PAGE}?done=owner`)
    expect((await api(admin, 'GET', '/routing/default-owner')).body).toEqual({ userId: dana })
    const stranger = (await me(await signUp())).userId
    const refused = await admin.post(`${PAGE}/default-owner`, { userId: stranger }, HTMX)
    expect(refused.status).toBe(422)
    expect(fieldError(await refused.text(), 'userId')).toBe('Choose an active member of this workspace, or nobody.')
    const cleared = await admin.post(`${PAGE}/default-owner`, { userId: '' }, HTMX)
    expect(cleared.status).toBe(200)
    expect(await cleared.text()).toContain('Default owner saved.')
    expect((await api(admin, 'GET', '/routing/default-owner')).body).toEqual({ userId: null })
  })

  it('tests a sample lead: names the matching rule and who is next, without taking the turn', async () => {
    const { admin, dana, evan } = await team()
    const rule = await created<RoutingRule>(admin, '/routing-rules', { name: 'Germany', action: 'round_robin', assignees: [{ userId: evan }, { userId: dana }], conditions: [{ field: 'country', op: 'equals', value: 'DE' }, { field: 'custom.budget', op: 'equals', value: 'high' }] })
    const sample = { country: 'de', source: '', companySize: '51-200', industry: '', formId: '', customKey: 'budget', customValue: 'High' }
    for (let i = 0; i < 2; i++) {
      const res = await admin.post(`${PAGE}/preview`, sample, HTMX)
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html.startsWith('<section id="routing-preview"')).toBe(true)
      expect(html).toContain('The rule “Germany” matches. Evan Ito would get this lead next.')
      expect(inputValue(html, 'customValue')).toBe('High')
    }
    const [stored] = await testDb().select({ rrCounter: routingRules.rrCounter }).from(routingRules).where(and(eq(routingRules.id, rule.id)))
    expect(stored?.rrCounter).toBe(0)
    const other = await (await admin.post(`${PAGE}/preview`, { ...sample, country: 'FR' })).text()
    expect(other).toContain('<h1>Lead routing</h1>')
    expect(other).toContain('No rule matches, so the default owner applies. Nobody would get it: the lead would stay unassigned.')
    const bad = await admin.post(`${PAGE}/preview`, { ...sample, customKey: 'Not a key' }, HTMX)
    expect(bad.status).toBe(422)
    expect(fieldError(await bad.text(), 'customKey-preview')).toContain('Custom field keys use')
  })
})
