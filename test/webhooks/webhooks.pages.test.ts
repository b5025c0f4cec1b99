import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { webhookEndpoints } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { fieldError, inputValue, me, signUp, type Browser } from '../helpers/auth'
import { requestWith } from '../helpers/emails'
import { api } from '../helpers/records'

const PAGE = '/settings/webhooks'
type Endpoint = { id: string; url: string; description: string | null; eventTypes: string[]; enabled: boolean }

const endpoints = async (who: Browser) => (await api<{ data: Endpoint[] }>(who, 'GET', '/webhooks')).body.data
const secretIn = (html: string) => /<input id="webhook-secret"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? null
const isChecked = (html: string, name: string) => new RegExp(`<input type="checkbox"[^>]*name="${name.replace(/[.*]/g, '\\$&')}"[^>]*checked`).test(html)

describe('/settings/webhooks', () => {
  it('explains webhooks when there are none, and offers the catalogue grouped by family', async () => {
    const admin = await signUp()
    const html = await (await admin.get(PAGE)).text()
    expect(html).toContain('Send CRM events to your other systems')
    expect(html).toMatch(/<a href="\/settings\/webhooks" aria-current="page">Webhooks<\/a>/)
    const form = await (await admin.get(`${PAGE}/new`)).text()
    expect(form).toContain('<legend>opportunity</legend>')
    expect(form).toContain('name="event:opportunity.*"')
    expect(form).toContain('All opportunity events (opportunity.*)')
    expect(form).toContain('A deal moved to another stage.')
  })

  it('creates an endpoint, shows its secret once, and lists it', async () => {
    const admin = await signUp()
    const res = await admin.post(PAGE, { url: 'https://hooks.example.com/in', description: 'Warehouse', 'event:lead.created': 'on', 'event:contact.*': 'on', enabled: 'on' })
    expect(res.status).toBe(201)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const html = await res.text()
    const secret = secretIn(html)
    expect(secret).toMatch(/^whsec_/)
    expect(html).toContain('It will not be shown again.')
    const [made] = await endpoints(admin)
    expect(made).toMatchObject({ url: 'https://hooks.example.com/in', description: 'Warehouse', eventTypes: ['lead.created', 'contact.*'], enabled: true })

    const list = await (await admin.get(PAGE)).text()
    expect(list).toContain(`href="/settings/webhooks/${made?.id}"`)
    expect(list).toContain('lead.created, contact.*')
    const again = await (await admin.get(`${PAGE}/${made?.id}`)).text()
    expect(secretIn(again)).toBeNull()
    expect(again).not.toContain(secret)

    const rotated = await admin.post(`${PAGE}/${made?.id}/rotate-secret`, {})
    expect(rotated.status).toBe(200)
    const next = secretIn(await rotated.text())
    expect(next).toMatch(/^whsec_/)
    expect(next).not.toBe(secret)
  })

  it('comes back 422 with what was typed: http URL, unknown type, no types', async () => {
    const admin = await signUp()
    const http = await admin.post(PAGE, { url: 'http://hooks.example.com/in', description: 'Kept', 'event:opportunity.won': 'on' })
    expect(http.status).toBe(422)
    const html = await http.text()
    expect(fieldError(html, 'url')).toContain('https')
    expect(inputValue(html, 'url')).toBe('http://hooks.example.com/in')
    expect(html).toContain('>Kept</textarea>')
    expect(isChecked(html, 'event:opportunity.won')).toBe(true)
    expect(isChecked(html, 'event:lead.created')).toBe(false)

    const none = await admin.post(PAGE, { url: 'https://hooks.example.com/in' })
    expect(none.status).toBe(422)
    expect(fieldError(await none.text(), 'eventTypes')).toBe('Choose at least one event type.')

    const unknown = await admin.post(PAGE, { url: 'https://hooks.example.com/in', 'event:lead.teleported': 'on' })
    expect(unknown.status).toBe(422)
    expect(fieldError(await unknown.text(), 'eventTypes')).toContain('“lead.teleported” is not an event type')
    expect(await endpoints(admin)).toEqual([])
  })

  it('accepts a host on WEBHOOK_ALLOW_HOSTS over http', async () => {
    const admin = await signUp()
    const res = await requestWith({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1:9999' }, admin, PAGE, { method: 'POST', form: { url: 'http://127.0.0.1:9999/hook', 'event:lead.*': 'on' } })
    expect(res.status).toBe(201)
  })

  it('edits an endpoint (422 keeps the edit), enables it again, and deletes it after confirming', async () => {
    const admin = await signUp()
    await admin.post(PAGE, { url: 'https://hooks.example.com/in', 'event:lead.created': 'on', enabled: 'on' })
    const [made] = await endpoints(admin)
    const base = `${PAGE}/${made?.id}`
    const edit = await (await admin.get(`${base}/edit`)).text()
    expect(inputValue(edit, 'url')).toBe('https://hooks.example.com/in')
    expect(isChecked(edit, 'event:lead.created')).toBe(true)

    const bad = await admin.post(base, { url: 'https://10.1.2.3/in', 'event:task.completed': 'on' })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(inputValue(badHtml, 'url')).toBe('https://10.1.2.3/in')
    expect(isChecked(badHtml, 'event:task.completed')).toBe(true)

    const saved = await admin.post(base, { url: 'https://hooks.example.com/v2', 'event:task.completed': 'on' })
    expect(saved.status).toBe(303)
    expect((await endpoints(admin))[0]).toMatchObject({ url: 'https://hooks.example.com/v2', eventTypes: ['task.completed'], enabled: false })
    const page = await (await admin.get(base)).text()
    expect(page).toContain('Disabled')
    expect(page).toContain(`action="${base}/enable"`)
    expect((await admin.post(`${base}/enable`, {})).status).toBe(303)
    expect((await endpoints(admin))[0]?.enabled).toBe(true)

    const confirm = await (await admin.get(`${base}/delete`)).text()
    expect(confirm).toContain('Delete this endpoint?')
    const deleted = await admin.post(`${base}/delete`, {})
    expect(deleted.headers.get('Location')).toBe(`${PAGE}?done=deleted`)
    expect(await endpoints(admin)).toEqual([])
  })

  it('shows why we switched an endpoint off, and enabling it again starts afresh', async () => {
    const admin = await signUp()
    await admin.post(PAGE, { url: 'https://hooks.example.com/gone', 'event:lead.*': 'on', enabled: 'on' })
    const [made] = await endpoints(admin)
    const tenantId = (await me(admin)).workspace.id
    const since = new Date(Date.now() - 6 * 86_400_000)
    await testDb()
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: 'The endpoint answered 410 Gone.', failingSince: since })
      .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, made?.id ?? '')))
    const list = await (await admin.get(PAGE)).text()
    expect(list).toContain('The endpoint answered 410 Gone.')
    expect(list).toContain(`<time datetime="${since.toISOString()}"`)

    expect((await admin.post(`${PAGE}/${made?.id}/enable`, {})).status).toBe(303)
    const after = (await api<{ enabled: boolean; disabledReason: string | null; failingSince: string | null }>(admin, 'GET', `/webhooks/${made?.id}`)).body
    expect(after).toMatchObject({ enabled: true, disabledReason: null, failingSince: null })
  })
})
