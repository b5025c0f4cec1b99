import { describe, expect, it } from 'vitest'
import { WEBHOOK_EVENT_TYPES } from '../../src/domain/webhooks/catalogue'
import { signUp } from '../helpers/auth'
import { api, created, type Problem } from '../helpers/records'

type Endpoint = { id: string; url: string; description: string | null; eventTypes: string[]; enabled: boolean; disabledReason: string | null; lastDeliveryStatus: string | null; secret?: string }

const HOOK = { url: 'https://hooks.example.com/crm', eventTypes: ['lead.created', 'opportunity.*'], description: 'Data warehouse' }

describe('/api/v1/webhooks', () => {
  it('serves the event catalogue with descriptions', async () => {
    const admin = await signUp()
    const res = await api<{ data: { type: string; description: string }[] }>(admin, 'GET', '/webhooks/event-types')
    expect(res.status).toBe(200)
    expect(res.body.data).toHaveLength(Object.keys(WEBHOOK_EVENT_TYPES).length)
    expect(res.body.data).toContainEqual({ type: 'opportunity.won', description: WEBHOOK_EVENT_TYPES['opportunity.won'] })
  })

  it('creates an endpoint and returns its secret once; list and get never show it', async () => {
    const admin = await signUp()
    const made = await created<Endpoint>(admin, '/webhooks', HOOK)
    expect(made).toMatchObject({ url: HOOK.url, eventTypes: HOOK.eventTypes, description: 'Data warehouse', enabled: true, disabledReason: null, lastDeliveryStatus: null })
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/)

    const one = await api<Endpoint>(admin, 'GET', `/webhooks/${made.id}`)
    expect(one.status).toBe(200)
    expect(one.body).not.toHaveProperty('secret')
    const list = await api<{ data: Endpoint[]; nextCursor: string | null }>(admin, 'GET', '/webhooks')
    expect(list.body.data.map((e) => e.id)).toEqual([made.id])
    expect(JSON.stringify(list.body)).not.toContain(made.secret)
    expect(JSON.stringify(one.body)).not.toContain(made.secret)

    const rotated = await api<Endpoint>(admin, 'POST', `/webhooks/${made.id}/rotate-secret`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(made.secret)
  })

  it.each([
    ['an http URL', { ...HOOK, url: 'http://hooks.example.com/crm' }, 'url', 'https'],
    ['an IP literal', { ...HOOK, url: 'https://169.254.169.254/latest' }, 'url', 'IP address'],
    ['localhost', { ...HOOK, url: 'https://localhost/hook' }, 'url', 'public host name'],
    ['an unknown event type', { ...HOOK, eventTypes: ['lead.created', 'lead.teleported'] }, 'eventTypes.1', 'not an event type'],
    ['no event types', { ...HOOK, eventTypes: [] }, 'eventTypes', 'at least one'],
    ['a secret of its own', { ...HOOK, secret: 'whsec_mine' }, 'secret', 'not a field'],
  ])('refuses %s with 422 naming the field', async (_, body, path, message) => {
    const admin = await signUp()
    const res = await api<Problem>(admin, 'POST', '/webhooks', body)
    expect(res.status).toBe(422)
    expect(res.body.errors).toContainEqual({ path, message: expect.stringContaining(message) })
    expect((await api<{ data: Endpoint[] }>(admin, 'GET', '/webhooks')).body.data).toEqual([])
  })

  it('updates some fields, re-enables, and deletes for good', async () => {
    const admin = await signUp()
    const made = await created<Endpoint>(admin, '/webhooks', HOOK)
    const off = await api<Endpoint>(admin, 'PATCH', `/webhooks/${made.id}`, { enabled: false, eventTypes: ['lead.*'] })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ url: HOOK.url, enabled: false, eventTypes: ['lead.*'] })
    const bad = await api<Problem>(admin, 'PATCH', `/webhooks/${made.id}`, { url: 'https://hooks.example.com:8080/x' })
    expect(bad.status).toBe(422)
    expect(bad.body.errors?.map((e) => e.path)).toEqual(['url'])
    expect((await api<Endpoint>(admin, 'PATCH', `/webhooks/${made.id}`, { enabled: true })).body.enabled).toBe(true)

    expect((await api(admin, 'DELETE', `/webhooks/${made.id}`)).status).toBe(204)
    expect((await api(admin, 'GET', `/webhooks/${made.id}`)).status).toBe(404)
    expect((await api(admin, 'DELETE', `/webhooks/${made.id}`)).status).toBe(404)
  })

  it('pages the list newest first', async () => {
    const admin = await signUp()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await created<Endpoint>(admin, '/webhooks', { ...HOOK, url: `https://hooks.example.com/${i}` })).id)
    const first = await api<{ data: Endpoint[]; nextCursor: string }>(admin, 'GET', '/webhooks?limit=2')
    const second = await api<{ data: Endpoint[]; nextCursor: string | null }>(admin, 'GET', `/webhooks?limit=2&cursor=${first.body.nextCursor}`)
    expect([...first.body.data, ...second.body.data].map((e) => e.id)).toEqual(ids.reverse())
    expect(second.body.nextCursor).toBeNull()
  })
})
