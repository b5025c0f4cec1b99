import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../../functions/worker'
import { enqueueEmail, getOutboxMessage } from '../../src/db/queries/outbox'
import { outbox } from '../../src/db/schema'
import type { Env } from '../../src/env'
import { MAX_SEND_ATTEMPTS, runSendEmail } from '../../src/handlers/jobs/send-email.job'
import { resendProvider } from '../../src/lib/mail/resend-provider'
import { testDb, testEnv } from '../helpers/app'

const RESEND = 'https://api.resend.com/'

async function queuedEmail(label: string) {
  const key = `test:${label}:${crypto.randomUUID()}`
  const id = await enqueueEmail(testDb(), { tenantId: null, idempotencyKey: key, to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' })
  return { id, msg: { type: 'send-email' as const, key, outboxId: id } }
}

const answering = (status: number, body: unknown) => resendProvider('k', async () => new Response(JSON.stringify(body), { status }))

// Resend answers `status` for every send made with global fetch; everything else (the database
// driver) still reaches the network.
function resendAnswers(status: number, body: unknown) {
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    return url.startsWith(RESEND) ? Promise.resolve(new Response(JSON.stringify(body), { status })) : realFetch(input, init)
  })
}

async function deliver(env: Env, body: unknown) {
  const batch = createMessageBatch('jobs', [{ id: 'm0', timestamp: new Date(), attempts: 1, body }])
  const ctx = createExecutionContext()
  await worker.queue(batch, env)
  return getQueueResult(batch, ctx)
}

// A deployed worker: no local mode, so the Resend provider is picked.
const deployed: Env = { ...testEnv, LOCAL_MODE: undefined, RESEND_API_KEY: 're_test' }

afterEach(() => vi.restoreAllMocks())

describe('send-email job with a failing provider', () => {
  it('marks a permanently refused email failed and returns, so it is not retried', async () => {
    const { id, msg } = await queuedEmail('permanent')
    await expect(runSendEmail(testEnv, msg, answering(422, { message: 'Invalid `to` field.' }))).resolves.toBeUndefined()
    const row = await getOutboxMessage(testDb(), id)
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sentAt: null })
    expect(row?.lastError).toContain('422')
    expect(row?.lastError).toContain('Invalid `to` field.')
  })

  it('keeps an email queued with the error on a 5xx and throws, so the queue retries', async () => {
    const { id, msg } = await queuedEmail('transient')
    await expect(runSendEmail(testEnv, msg, answering(503, { message: 'busy' }))).rejects.toThrow('503')
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'queued', attempts: 1, sentAt: null, lastError: expect.stringContaining('503') })

    await runSendEmail(testEnv, msg, answering(200, { id: 're_ok' }))
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null, providerMessageId: 're_ok' })
  })

  it('marks the email failed when a transient error uses up the last attempt', async () => {
    const { id, msg } = await queuedEmail('last')
    await testDb().update(outbox).set({ attempts: MAX_SEND_ATTEMPTS - 1 }).where(eq(outbox.id, id))
    await expect(runSendEmail(testEnv, msg, answering(500, {}))).rejects.toThrow('500')
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS })
  })

  it('through the queue consumer: a 4xx is acked, a 5xx is retried', async () => {
    const refused = await queuedEmail('consumer-4xx')
    resendAnswers(403, { message: 'The domain is not verified.' })
    const acked = await deliver(deployed, refused.msg)
    expect(acked.explicitAcks).toEqual(['m0'])
    expect(acked.retryMessages).toEqual([])
    expect(await getOutboxMessage(testDb(), refused.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('not verified') })

    vi.restoreAllMocks()
    const busy = await queuedEmail('consumer-5xx')
    resendAnswers(502, { message: 'bad gateway' })
    const retried = await deliver(deployed, busy.msg)
    expect(retried.explicitAcks).toEqual([])
    expect(retried.retryMessages).toEqual([{ msgId: 'm0' }])
    expect(await getOutboxMessage(testDb(), busy.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringContaining('502') })
  })
})
