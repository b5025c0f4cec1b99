import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../../functions/worker'
import { enqueueEmail, getOutboxMessage, type EmailDraft } from '../../src/db/queries/outbox'
import { outbox } from '../../src/db/schema'
import { JobMessage } from '../../src/domain/jobs/messages'
import type { Env } from '../../src/env'
import { runSendEmail } from '../../src/handlers/jobs/send-email.job'
import type { MailMessage, MailProvider } from '../../src/lib/mail/mailer'
import { sendEmail } from '../../src/lib/mail/send-email'
import { testDb, testEnv } from '../helpers/app'

const draft = (key: string, overrides: Partial<EmailDraft> = {}): EmailDraft => ({
  tenantId: null,
  idempotencyKey: `test:${key}:${crypto.randomUUID()}`,
  to: 'ada@example.com',
  subject: 'Hello',
  html: '<!doctype html><p>Hello</p>',
  text: 'Hello\n',
  ...overrides,
})

const rowsWithKey = (key: string) => testDb().select().from(outbox).where(eq(outbox.idempotencyKey, key))

// A provider that records what it was asked to send, and fails while `failing` is set.
function recordingProvider() {
  const sent: MailMessage[] = []
  const provider: MailProvider & { sent: MailMessage[]; failing: boolean } = {
    name: 'recording',
    sent,
    failing: false,
    async send(msg) {
      if (provider.failing) throw new Error('provider said 503 Service Unavailable')
      sent.push(msg)
      return { providerMessageId: `rec-${sent.length}` }
    },
  }
  return provider
}

function sendEmailMessage(outboxId: string, key: string): JobMessage {
  return { type: 'send-email', key, outboxId }
}

async function deliver(env: Env, body: JobMessage, attempts: number) {
  const batch = createMessageBatch('jobs', [{ id: 'm0', timestamp: new Date(), attempts, body }])
  const ctx = createExecutionContext()
  await worker.queue(batch, env)
  return getQueueResult(batch, ctx)
}

afterEach(() => vi.restoreAllMocks())

describe('enqueueEmail', () => {
  it('writes one row for the same idempotency key, however often it is called', async () => {
    const first = draft('once')
    const id = await enqueueEmail(testDb(), first)
    expect(await enqueueEmail(testDb(), { ...first, subject: 'A different subject' })).toBe(id)
    const rows = await rowsWithKey(first.idempotencyKey)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id, subject: 'Hello', status: 'queued', attempts: 0, sentAt: null })
  })

  it('writes one row when twenty callers race with the same key', async () => {
    const same = draft('race')
    const ids = await Promise.all(Array.from({ length: 20 }, () => enqueueEmail(testDb(), same)))
    expect(new Set(ids).size).toBe(1)
    expect(await rowsWithKey(same.idempotencyKey)).toHaveLength(1)
  })
})

describe('send-email job', () => {
  it('sends once and ends sent when the message is delivered five times', async () => {
    const provider = recordingProvider()
    const d = draft('five')
    const id = await enqueueEmail(testDb(), d)
    for (let i = 0; i < 5; i++) await runSendEmail(testEnv, { type: 'send-email', key: d.idempotencyKey, outboxId: id }, provider)
    expect(provider.sent).toEqual([{ to: d.to, from: testEnv.MAIL_FROM, subject: d.subject, html: d.html, text: d.text, idempotencyKey: d.idempotencyKey }])
    const row = await getOutboxMessage(testDb(), id)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'rec-1', lastError: null })
    expect(row?.sentAt).toBeInstanceOf(Date)
  })

  it('through the queue consumer: five deliveries, five acks, one log-provider send', async () => {
    const log = vi.spyOn(console, 'log')
    const d = draft('consumer')
    const id = await enqueueEmail(testDb(), d)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const result = await deliver(testEnv, sendEmailMessage(id, d.idempotencyKey), attempt)
      expect(result.explicitAcks).toEqual(['m0'])
      expect(result.retryMessages).toEqual([])
    }
    const sendLines = log.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>).filter((l) => l.event === 'mail.sent' && l.idempotencyKey === d.idempotencyKey)
    expect(sendLines).toHaveLength(1)
    // The body can carry a reset link, so it never reaches the log.
    expect(JSON.stringify(sendLines[0])).not.toContain(d.html)
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('keeps the row queued with the error and rethrows, then a later delivery sends it', async () => {
    const provider = recordingProvider()
    provider.failing = true
    const d = draft('flaky')
    const id = await enqueueEmail(testDb(), d)
    const msg = { type: 'send-email' as const, key: d.idempotencyKey, outboxId: id }

    await expect(runSendEmail(testEnv, msg, provider)).rejects.toThrow('503')
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'provider said 503 Service Unavailable', sentAt: null })

    provider.failing = false
    await runSendEmail(testEnv, msg, provider)
    await runSendEmail(testEnv, msg, provider)
    expect(provider.sent).toHaveLength(1)
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null, providerMessageId: 'rec-1' })
  })

  it('has the queue retry a message it could not send, and ack it once it goes out', async () => {
    const d = draft('retry')
    const id = await enqueueEmail(testDb(), d)
    // Outside local mode there is no provider yet, so sending fails and the message must come back.
    const noProvider = { ...testEnv, LOCAL_MODE: undefined }
    const failed = await deliver(noProvider, sendEmailMessage(id, d.idempotencyKey), 1)
    expect(failed.explicitAcks).toEqual([])
    expect(failed.retryMessages).toEqual([{ msgId: 'm0' }])
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'queued', sentAt: null })

    const retried = await deliver(testEnv, sendEmailMessage(id, d.idempotencyKey), 2)
    expect(retried.explicitAcks).toEqual(['m0'])
    expect(await getOutboxMessage(testDb(), id)).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('acks a message whose outbox row does not exist', async () => {
    const result = await deliver(testEnv, sendEmailMessage(crypto.randomUUID(), 'test:missing'), 1)
    expect(result.explicitAcks).toEqual(['m0'])
  })
})

describe('sendEmail', () => {
  it('writes the row once and enqueues a send-email job per call', async () => {
    const queued: unknown[] = []
    const jobs = { send: async (body: unknown) => void queued.push(body) } as unknown as Env['JOBS']
    const d = draft('helper')
    const id = await sendEmail({ JOBS: jobs }, testDb(), d)
    expect(await sendEmail({ JOBS: jobs }, testDb(), d)).toBe(id)
    expect(queued).toEqual([sendEmailMessage(id, d.idempotencyKey), sendEmailMessage(id, d.idempotencyKey)])
    expect(queued.every((body) => JobMessage.safeParse(body).success)).toBe(true)
    expect(await rowsWithKey(d.idempotencyKey)).toHaveLength(1)
  })

  it('goes all the way through the real jobs queue to a sent row', async () => {
    const id = await sendEmail(testEnv, testDb(), draft('loop'))
    await expect.poll(async () => (await getOutboxMessage(testDb(), id))?.status, { timeout: 15_000, interval: 250 }).toBe('sent')
  })
})
