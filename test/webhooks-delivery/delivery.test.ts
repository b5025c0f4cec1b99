import { eq } from 'drizzle-orm'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { activityEvents, webhookOutbox } from '../../src/db/schema'
import { testDb, testEnv } from '../helpers/app'
import { api } from '../helpers/records'
import { addEndpoint, attemptsOf, deliver, deliveriesOf, network, runDispatcher, workspace, type Workspace } from './fixtures'
import { createTestDelivery, replayDelivery } from '../../src/lib/webhooks/deliveries'
import { capturingQueue } from '../helpers/jobs'

const newLead = async (ws: Workspace, lastName = 'Lovelace') => {
  const res = await api<{ id: string }>(ws.admin, 'POST', '/leads', { firstName: 'Ada', lastName, email: `${crypto.randomUUID()}@example.test` })
  expect(res.status).toBe(201)
  return res.body.id
}

describe('webhook dispatch and delivery', () => {
  it('sends a created lead to the subscribed endpoint, signed, as { type, timestamp, data }', async () => {
    const ws = await workspace()
    const endpoint = await addEndpoint(ws, ['lead.created'])
    const received = network()
    const leadId = await newLead(ws)
    const messages = await runDispatcher(ws)
    expect(messages).toHaveLength(1)
    const result = await deliver(messages)
    expect(result.explicitAcks).toEqual(['m0'])
    const mine = received.filter((r) => JSON.parse(r.body).data?.entityId === leadId)
    expect(mine).toHaveLength(1)
    const req = mine[0]!
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['user-agent']).toMatch(/EdgeCRM/)
    const body = new Webhook(endpoint.secret).verify(req.body, req.headers) as { type: string; timestamp: string; data: Record<string, unknown> }
    expect(body).toMatchObject({ type: 'lead.created', data: { entityType: 'lead', entityId: leadId, event: 'created', actorUserId: ws.userId } })
    const [delivery] = await deliveriesOf(ws)
    expect(req.headers['webhook-id']).toBe(delivery?.id)
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, eventType: 'lead.created' })
    const attempts = await attemptsOf(ws, delivery!.id)
    expect(attempts).toMatchObject([{ statusCode: 200, responseSnippet: 'ok', error: null }])
  })

  it('sends only subscribed types: contact.* takes contact events, not lead ones', async () => {
    const ws = await workspace()
    const contacts = await addEndpoint(ws, ['contact.*'])
    const updates = await addEndpoint(ws, ['lead.updated'])
    network()
    const leadId = await newLead(ws)
    const contact = await api<{ id: string }>(ws.admin, 'POST', '/contacts', { firstName: 'Grace', lastName: 'Hopper' })
    expect(contact.status).toBe(201)
    expect((await api(ws.admin, 'PATCH', `/leads/${leadId}`, { companyName: 'Analytical Engines' })).status).toBe(200)
    await runDispatcher(ws)
    const rows = await deliveriesOf(ws)
    expect(rows.map((d) => [d.endpointId, d.eventType]).sort()).toEqual([[contacts.id, 'contact.created'], [updates.id, 'lead.updated']].sort())
  })

  it('a change that rolled back sends nothing', async () => {
    const ws = await workspace()
    await addEndpoint(ws, ['lead.created'])
    const event = { tenantId: ws.tenantId, id: crypto.randomUUID(), entityType: 'lead', entityId: crypto.randomUUID(), eventType: 'created' } as const
    // The event is written, then a later statement of the same batch fails (duplicate key).
    await expect(testDb().batch([testDb().insert(activityEvents).values(event), testDb().insert(activityEvents).values(event)])).rejects.toThrow()
    expect(await testDb().select().from(webhookOutbox).where(eq(webhookOutbox.eventId, event.id))).toEqual([])
    expect(await runDispatcher(ws)).toEqual([])
    expect(await deliveriesOf(ws)).toEqual([])
  })

  it('is idempotent: a second dispatcher run writes and enqueues nothing more', async () => {
    const ws = await workspace()
    await addEndpoint(ws, ['lead.*'])
    await newLead(ws, 'One')
    await newLead(ws, 'Two')
    const [first, second] = [await runDispatcher(ws), await runDispatcher(ws)]
    expect(first).toHaveLength(2)
    expect(second).toEqual([])
    expect(await deliveriesOf(ws)).toHaveLength(2)
  })

  // On the PostgreSQL server the two runs' claims really overlap (SKIP LOCKED, the lease and the
  // unique index keep them apart); on PGlite statements run one at a time.
  it('two overlapping dispatcher runs fan each event out once', async () => {
    const ws = await workspace()
    await addEndpoint(ws, ['lead.created'])
    for (let i = 0; i < 5; i++) await newLead(ws, `Overlap ${i}`)
    const [a, b] = await Promise.all([runDispatcher(ws), runDispatcher(ws)])
    expect(a.length + b.length).toBe(5)
    expect(await deliveriesOf(ws)).toHaveLength(5)
  })

  it('a redelivered message does not send a succeeded delivery again', async () => {
    const ws = await workspace()
    await addEndpoint(ws, ['lead.created'])
    const received = network()
    await newLead(ws)
    const messages = await runDispatcher(ws)
    for (let attempt = 1; attempt <= 3; attempt++) await deliver(messages, attempt)
    const [delivery] = await deliveriesOf(ws)
    expect(received.filter((r) => r.headers['webhook-id'] === delivery?.id)).toHaveLength(1)
  })

  it('never sends one workspace’s events to another workspace’s endpoint', async () => {
    const a = await workspace('A')
    const b = await workspace('B')
    await addEndpoint(a, ['lead.created'])
    network()
    await newLead(b)
    await runDispatcher(a)
    await runDispatcher(b)
    expect(await deliveriesOf(a)).toEqual([])
    expect(await deliveriesOf(b)).toEqual([])
    // Nor can one workspace replay or test another's.
    const endpointB = await addEndpoint(b, ['lead.created'])
    const { jobs } = capturingQueue()
    await expect(createTestDelivery({ JOBS: jobs }, testDb(), a.tenantId, endpointB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('replay and test events', () => {
  it('replay sends the same body with the same webhook-id as a new attempt', async () => {
    const ws = await workspace()
    const endpoint = await addEndpoint(ws, ['lead.created'])
    const received = network()
    await newLead(ws)
    await deliver(await runDispatcher(ws))
    const [delivery] = await deliveriesOf(ws)
    const sent: unknown[] = []
    await replayDelivery({ JOBS: { send: async (b: unknown) => void sent.push(b) } as never }, testDb(), ws.tenantId, delivery!.id)
    await deliver(sent as never)
    const mine = received.filter((r) => r.headers['webhook-id'] === delivery!.id)
    expect(mine).toHaveLength(2)
    expect(mine[1]!.body).toBe(mine[0]!.body)
    expect(() => new Webhook(endpoint.secret).verify(mine[1]!.body, mine[1]!.headers)).not.toThrow()
    expect(await attemptsOf(ws, delivery!.id)).toHaveLength(2)
    const other = await workspace('Other')
    await expect(replayDelivery({ JOBS: testEnv.JOBS }, testDb(), other.tenantId, delivery!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('send test event delivers a webhook.test message', async () => {
    const ws = await workspace()
    const endpoint = await addEndpoint(ws, ['lead.created'])
    const received = network()
    const sent: unknown[] = []
    const id = await createTestDelivery({ JOBS: { send: async (b: unknown) => void sent.push(b) } as never }, testDb(), ws.tenantId, endpoint.id)
    await deliver(sent as never)
    const req = received.find((r) => r.headers['webhook-id'] === id)
    expect(new Webhook(endpoint.secret).verify(req!.body, req!.headers)).toMatchObject({ type: 'webhook.test', data: { entityId: endpoint.id } })
  })
})
