import { describe, expect, it } from 'vitest'
import { me, signUp } from '../helpers/auth'
import { requestWith } from '../helpers/emails'
import { capturingQueue } from '../helpers/jobs'
import { api, created } from '../helpers/records'
import { seedDeliveries } from './fixtures'

type Attempt = { statusCode: number | null; latencyMs: number; responseSnippet: string | null }
type Delivery = { id: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; attemptLog: Attempt[] }

async function endpointWithLog() {
  const admin = await signUp()
  const tenantId = (await me(admin)).workspace.id
  const endpoint = await created<{ id: string }>(admin, '/webhooks', { url: 'https://hooks.example.com/log', eventTypes: ['lead.*', 'opportunity.won'] })
  return { admin, tenantId, endpoint, ...(await seedDeliveries(tenantId, endpoint.id)) }
}

describe('webhook delivery log', () => {
  it('lists deliveries newest first with their attempts, in the API and on the page', async () => {
    const { admin, endpoint, ok, failing } = await endpointWithLog()
    const res = await api<{ data: Delivery[]; nextCursor: string | null }>(admin, 'GET', `/webhooks/${endpoint.id}/deliveries`)
    expect(res.status).toBe(200)
    expect(res.body.data.map((d) => d.id)).toEqual([failing, ok])
    expect(res.body.data[1]).toMatchObject({ eventType: 'lead.created', status: 'succeeded', attempts: 2, lastStatusCode: 200 })
    expect(res.body.data[1]?.attemptLog).toMatchObject([
      { statusCode: 500, latencyMs: 812, responseSnippet: 'upstream exploded' },
      { statusCode: 200, latencyMs: 41, responseSnippet: '{"ok":true}' },
    ])
    const page1 = await api<{ data: Delivery[]; nextCursor: string }>(admin, 'GET', `/webhooks/${endpoint.id}/deliveries?limit=1`)
    const page2 = await api<{ data: Delivery[]; nextCursor: string | null }>(admin, 'GET', `/webhooks/${endpoint.id}/deliveries?limit=1&cursor=${page1.body.nextCursor}`)
    expect([...page1.body.data, ...page2.body.data].map((d) => d.id)).toEqual([failing, ok])

    const html = await (await admin.get(`/settings/webhooks/${endpoint.id}`)).text()
    expect(html).toContain('1 retrying · 1 succeeded')
    expect(html.indexOf(`data-delivery-id="${failing}"`)).toBeLessThan(html.indexOf(`data-delivery-id="${ok}"`))
    expect(html).toContain('upstream exploded')
    expect(html).toContain('812 ms')
    expect(html).toContain('last answered 503')
    // The endpoint list shows the newest delivery's status.
    expect(await (await admin.get('/settings/webhooks')).text()).toContain('retrying, <time')
  })

  it('queues a test event from the API and from the page (htmx gets the log back)', async () => {
    const { admin, endpoint } = await endpointWithLog()
    const q = capturingQueue()
    const res = await requestWith({ JOBS: q.jobs }, admin, `/api/v1/webhooks/${endpoint.id}/test`, { method: 'POST', json: {} })
    expect(res.status).toBe(202)
    const { deliveryId } = (await res.json()) as { deliveryId: string }
    expect(q.sent).toEqual([expect.objectContaining({ type: 'webhook.deliver', deliveryId })])

    const page = await requestWith({ JOBS: q.jobs }, admin, `/settings/webhooks/${endpoint.id}/test`, { method: 'POST', form: {}, headers: { 'HX-Request': 'true' } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Test event queued.')
    expect(html).toMatch(/^<section id="delivery-log"/)
    expect(q.sent).toHaveLength(2)
    const log = await api<{ data: Delivery[] }>(admin, 'GET', `/webhooks/${endpoint.id}/deliveries`)
    expect(log.body.data.filter((d) => d.status === 'pending')).toHaveLength(2)
  })

  it('replays a delivery from the API and from the page', async () => {
    const { admin, endpoint, ok } = await endpointWithLog()
    const q = capturingQueue()
    const res = await requestWith({ JOBS: q.jobs }, admin, `/api/v1/webhooks/${endpoint.id}/deliveries/${ok}/replay`, { method: 'POST', json: {} })
    expect(res.status).toBe(202)
    expect(q.sent).toEqual([expect.objectContaining({ type: 'webhook.deliver', deliveryId: ok })])
    const plain = await requestWith({ JOBS: q.jobs }, admin, `/settings/webhooks/${endpoint.id}/deliveries/${ok}/replay`, { method: 'POST', form: {} })
    expect(plain.status).toBe(303)
    expect(plain.headers.get('Location')).toBe(`/settings/webhooks/${endpoint.id}?done=replayed`)
    expect(q.sent).toHaveLength(2)
  })

  it('deleting the endpoint deletes its log', async () => {
    const { admin, endpoint, ok } = await endpointWithLog()
    expect((await api(admin, 'DELETE', `/webhooks/${endpoint.id}`)).status).toBe(204)
    expect((await api(admin, 'POST', `/webhooks/${endpoint.id}/deliveries/${ok}/replay`)).status).toBe(404)
  })
})
