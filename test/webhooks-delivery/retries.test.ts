import { eq, like } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { outbox, webhookDeliveries, webhookEndpoints } from '../../src/db/schema'
import { MAX_ATTEMPTS } from '../../src/domain/webhooks/retry'
import { testDb } from '../helpers/app'
import { api } from '../helpers/records'
import { addEndpoint, attemptsOf, deliver, deliveriesOf, endpointOf, network, runDispatcher, workspace, type Workspace } from './fixtures'

afterEach(() => vi.useRealTimers())

const DAY = 86_400_000

async function failingDelivery(ws: Workspace, status: number) {
  const endpoint = await addEndpoint(ws, ['lead.created'])
  const received = network({ answer: () => new Response('down for maintenance', { status }) })
  expect((await api(ws.admin, 'POST', '/leads', { lastName: 'Retry' })).status).toBe(201)
  const messages = await runDispatcher(ws)
  expect(messages).toHaveLength(1)
  return { endpoint, received, messages }
}

const disableEmails = (endpointId: string) => testDb().select().from(outbox).where(like(outbox.idempotencyKey, `webhook-disabled:${endpointId}:%`))

describe('retries', () => {
  it('retries a failure on the backoff schedule, with the clock controlled', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const ws = await workspace()
    const { messages } = await failingDelivery(ws, 503)
    const t0 = new Date('2030-05-01T10:00:00Z')
    vi.useFakeTimers({ toFake: ['Date'], now: t0 })
    const first = await deliver(messages)
    expect(first.enqueued.map((e) => e.delaySeconds)).toEqual([60])
    let [delivery] = await deliveriesOf(ws)
    expect(delivery).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 503, nextAttemptAt: new Date(t0.getTime() + 60_000) })
    // Arriving early (the queue delivered it twice) it is not due: nothing is sent.
    expect((await deliver(first.enqueued.map((e) => e.body))).enqueued).toEqual([])
    vi.setSystemTime(t0.getTime() + 60_000)
    const second = await deliver(first.enqueued.map((e) => e.body))
    expect(second.enqueued.map((e) => e.delaySeconds)).toEqual([300])
    ;[delivery] = await deliveriesOf(ws)
    expect(delivery).toMatchObject({ status: 'retrying', attempts: 2, nextAttemptAt: new Date(t0.getTime() + 360_000) })
    expect(await attemptsOf(ws, delivery!.id)).toMatchObject([{ statusCode: 503, responseSnippet: 'down for maintenance' }, { statusCode: 503 }])
  })

  it('fails the delivery for good after the last attempt', async () => {
    const ws = await workspace()
    const { messages } = await failingDelivery(ws, 500)
    await testDb().update(webhookDeliveries).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(webhookDeliveries.tenantId, ws.tenantId))
    const result = await deliver(messages)
    expect(result.enqueued).toEqual([])
    const [delivery] = await deliveriesOf(ws)
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null })
  })
})

describe('auto-disable', () => {
  it('turns off an endpoint failing for 5 days and emails its creator once', async () => {
    const ws = await workspace()
    const { endpoint, messages } = await failingDelivery(ws, 500)
    await testDb().update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 5 * DAY - 60_000) }).where(eq(webhookEndpoints.id, endpoint.id))
    const result = await deliver(messages)
    expect(await endpointOf(ws, endpoint.id)).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/5 days/) })
    const [delivery] = await deliveriesOf(ws)
    expect(delivery?.status).toBe('failed')
    const emails = await disableEmails(endpoint.id)
    expect(emails).toMatchObject([{ toAddress: ws.email, subject: 'A webhook endpoint was turned off' }])
    expect(result.enqueued.map((e) => e.body)).toEqual([{ type: 'send-email', key: emails[0]!.idempotencyKey, outboxId: emails[0]!.id }])
    // Redelivered, the message finds the delivery done: no second attempt, no second email.
    await deliver(messages, 2)
    expect(await disableEmails(endpoint.id)).toHaveLength(1)
    expect(await attemptsOf(ws, delivery!.id)).toHaveLength(1)
  })

  it('turns off an endpoint that answers 410 at once', async () => {
    const ws = await workspace()
    const { endpoint, messages } = await failingDelivery(ws, 410)
    await deliver(messages)
    expect(await endpointOf(ws, endpoint.id)).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/410/) })
    expect(await disableEmails(endpoint.id)).toHaveLength(1)
  })

  it('a success clears the failure streak', async () => {
    const ws = await workspace()
    const endpoint = await addEndpoint(ws, ['lead.created'])
    await testDb().update(webhookEndpoints).set({ failingSince: new Date(Date.now() - DAY) }).where(eq(webhookEndpoints.id, endpoint.id))
    network()
    expect((await api(ws.admin, 'POST', '/leads', { lastName: 'Ok' })).status).toBe(201)
    await deliver(await runDispatcher(ws))
    expect(await endpointOf(ws, endpoint.id)).toMatchObject({ enabled: true, failingSince: null })
  })
})
