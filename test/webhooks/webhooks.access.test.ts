import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { api, created } from '../helpers/records'
import { seedDeliveries } from './fixtures'

const HOOK = { url: 'https://hooks.example.com/in', eventTypes: ['lead.*'] }

describe('webhooks access', () => {
  it('is for admins only: managers and reps get 403 everywhere, and no nav item', async () => {
    const admin = await signUp()
    const endpoint = await created<{ id: string }>(admin, '/webhooks', HOOK)
    for (const role of ['manager', 'rep'] as const) {
      const who = await addMember(admin, role)
      expect((await api(who, 'GET', '/webhooks')).status, role).toBe(403)
      expect((await api(who, 'GET', '/webhooks/event-types')).status, role).toBe(403)
      expect((await api(who, 'POST', '/webhooks', HOOK)).status, role).toBe(403)
      expect((await api(who, 'POST', `/webhooks/${endpoint.id}/rotate-secret`)).status, role).toBe(403)
      expect((await who.get('/settings/webhooks')).status, role).toBe(403)
      expect((await who.post('/settings/webhooks', { url: HOOK.url, 'event:lead.*': 'on' })).status, role).toBe(403)
      expect((await who.post(`/settings/webhooks/${endpoint.id}/delete`, {})).status, role).toBe(403)
      expect(await (await who.get('/my-work')).text()).not.toContain('href="/settings/webhooks"')
    }
    expect((await api(admin, 'GET', `/webhooks/${endpoint.id}`)).status).toBe(200)
  })

  it("404s another workspace's endpoints and deliveries on every route, and changes nothing", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const theirs = await created<{ id: string }>(a, '/webhooks', HOOK)
    const { ok } = await seedDeliveries((await me(a)).workspace.id, theirs.id)
    const mine = await created<{ id: string }>(b, '/webhooks', HOOK)
    const id = theirs.id

    for (const [method, path, body] of [
      ['GET', `/webhooks/${id}`],
      ['PATCH', `/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/webhooks/${id}`],
      ['POST', `/webhooks/${id}/rotate-secret`],
      ['POST', `/webhooks/${id}/test`],
      ['GET', `/webhooks/${id}/deliveries`],
      ['POST', `/webhooks/${id}/deliveries/${ok}/replay`],
      // B's own endpoint with A's delivery id.
      ['POST', `/webhooks/${mine.id}/deliveries/${ok}/replay`],
    ] as const) {
      expect((await api(b, method, path, body)).status, `${method} ${path}`).toBe(404)
    }
    for (const path of [`/settings/webhooks/${id}`, `/settings/webhooks/${id}/edit`, `/settings/webhooks/${id}/delete`]) {
      expect((await b.get(path)).status, path).toBe(404)
    }
    for (const [path, form] of [
      [`/settings/webhooks/${id}`, { url: 'https://evil.example.com', 'event:lead.*': 'on' }],
      [`/settings/webhooks/${id}/enable`, {}],
      [`/settings/webhooks/${id}/rotate-secret`, {}],
      [`/settings/webhooks/${id}/test`, {}],
      [`/settings/webhooks/${id}/deliveries/${ok}/replay`, {}],
      [`/settings/webhooks/${mine.id}/deliveries/${ok}/replay`, {}],
      [`/settings/webhooks/${id}/delete`, {}],
    ] as const) {
      expect((await b.post(path, form)).status, path).toBe(404)
    }

    expect((await api<{ data: { id: string }[] }>(b, 'GET', '/webhooks')).body.data.map((e) => e.id)).toEqual([mine.id])
    const still = await api<{ url: string; enabled: boolean }>(a, 'GET', `/webhooks/${id}`)
    expect(still.body).toMatchObject({ url: HOOK.url, enabled: true })
    const log = await api<{ data: { id: string; status: string }[] }>(a, 'GET', `/webhooks/${id}/deliveries`)
    expect(log.body.data.map((d) => d.id)).toContain(ok)
    expect(log.body.data.every((d) => d.status !== 'pending')).toBe(true)
  })
})
