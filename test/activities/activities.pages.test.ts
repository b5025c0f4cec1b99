import { describe, expect, it } from 'vitest'
import { me, signUp } from '../helpers/auth'
import { created, eventsOf } from '../helpers/records'
import { lastContactedOf, newAccount } from '../tasks/fixtures'

const htmx = { 'HX-Request': 'true' }
const errorOf = (html: string, id: string) => new RegExp(`<p class="field-error" id="f-${id}-error">([^<]*)</p>`).exec(html)?.[1] ?? null
const valueOf = (html: string, id: string) => new RegExp(`<input id="f-${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null
const base = (relatedId: string) => ({ type: 'call', outcome: 'connected', subject: 'Intro', occurredAt: '2030-02-03T14:15', durationMinutes: '20', body: '', relatedType: 'account', relatedId })

describe('activities from a record page', () => {
  it('logs a call with htmx: fresh panel, history reload, last contacted moved', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const res = await admin.post('/activities', base(acme.id), htmx)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.headers.get('hx-trigger') ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })
    expect(await res.text()).toContain('Activity logged.')
    const { workspace } = await me(admin)
    expect((await lastContactedOf(workspace.id, acme.id))?.toISOString()).toBe('2030-02-03T14:15:00.000Z')
    expect((await eventsOf(workspace.id, acme.id)).map((e) => e.eventType)).toEqual(['created', 'activity_logged'])
    const list = await (await admin.get(`/activities?relatedType=account&relatedId=${acme.id}`, htmx)).text()
    expect(list).toContain('Intro')
    expect(list).toContain('Connected')
    expect(list).toContain('20 min')
  })

  it('re-renders the panel on 422 with the values typed and the error on outcome', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const res = await admin.post('/activities', { ...base(acme.id), type: 'email', subject: 'Follow-up & pricing' }, htmx)
    expect(res.status).toBe(422)
    const panel = await res.text()
    expect(errorOf(panel, 'outcome')).toContain('email')
    expect(valueOf(panel, 'subject')).toBe('Follow-up &amp; pricing')
    expect(valueOf(panel, 'occurredAt')).toBe('2030-02-03T14:15')
    expect(panel).toMatch(/<option value="email" selected/)
    // The panel's other forms start clean.
    expect(valueOf(panel, 'title')).toBe('')
    const plain = await admin.post('/activities', base(acme.id))
    expect(plain.status).toBe(303)
    expect(plain.headers.get('location')).toBe(`/accounts/${acme.id}`)
  })

  it("gives 404 for another workspace's activity or record", async () => {
    const admin = await signUp()
    const other = await signUp()
    const account = await newAccount(other)
    const theirs = await created<{ id: string }>(other, '/activities', { type: 'call', outcome: 'no_answer', subject: 'X', relatedType: 'account', relatedId: account.id })
    expect((await admin.post(`/activities/${theirs.id}/archive`, {})).status).toBe(404)
    expect((await admin.get(`/activities?relatedType=account&relatedId=${account.id}`, htmx)).status).toBe(404)
    const logged = await admin.post('/activities', base(account.id), htmx)
    expect(logged.status).toBe(422)
    expect(await logged.text()).toContain('No such record in this workspace.')
  })
})
