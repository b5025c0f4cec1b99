import { describe, expect, it } from 'vitest'
import { PermanentMailError, providerFor, type MailMessage } from '../../src/lib/mail/mailer'
import { resendProvider } from '../../src/lib/mail/resend-provider'

const message: MailMessage = {
  to: 'ada@example.com',
  from: 'Edge CRM <crm@example.com>',
  subject: 'Follow up <today>',
  html: '<p>Call Ada</p>',
  text: 'Call Ada\n',
  idempotencyKey: 'reminder:task-1:2026-11-25T18:00:00.000Z',
}

type Call = { url: string; init: RequestInit }

// A fetch that records each request and answers with the next of `answers` (a Response, or an
// Error to throw like a network failure does).
function fakeFetch(...answers: (Response | Error)[]) {
  const calls: Call[] = []
  const fn: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init: init ?? {} })
    const answer = answers.shift() ?? new Error('no answer left')
    if (answer instanceof Error) throw answer
    return answer
  }
  return { fn, calls }
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('resend provider', () => {
  it('posts the message to Resend with the key, the idempotency key and a timeout', async () => {
    const { fn, calls } = fakeFetch(json(200, { id: 're_123' }))
    expect(await resendProvider('re_test_key', fn).send(message)).toEqual({ providerMessageId: 're_123' })
    expect(calls).toHaveLength(1)
    const [call] = calls
    expect(call?.url).toBe('https://api.resend.com/emails')
    expect(call?.init.method).toBe('POST')
    const headers = new Headers(call?.init.headers)
    expect(headers.get('Authorization')).toBe('Bearer re_test_key')
    expect(headers.get('Content-Type')).toBe('application/json')
    expect(headers.get('Idempotency-Key')).toBe(message.idempotencyKey)
    expect(JSON.parse(String(call?.init.body))).toEqual({ from: message.from, to: message.to, subject: message.subject, html: message.html, text: message.text })
    expect(call?.init.signal).toBeInstanceOf(AbortSignal)
  })

  it.each([500, 502, 503, 429, 409])('throws a retryable error on %i', async (status) => {
    const { fn } = fakeFetch(json(status, { message: 'try later' }))
    const err = await resendProvider('k', fn).send(message).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect(err).not.toBeInstanceOf(PermanentMailError)
    expect(String(err)).toContain(String(status))
  })

  it.each([400, 401, 403, 404, 422])('throws a PermanentMailError on %i, with the reason', async (status) => {
    const { fn } = fakeFetch(json(status, { name: 'validation_error', message: 'Invalid `to` field.' }))
    const err = await resendProvider('k', fn).send(message).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PermanentMailError)
    expect(String(err)).toContain('Invalid `to` field.')
  })

  it('lets a network error or a timeout through as retryable', async () => {
    const { fn } = fakeFetch(new TypeError('fetch failed'), new DOMException('The operation timed out.', 'TimeoutError'))
    const provider = resendProvider('k', fn)
    for (let i = 0; i < 2; i++) {
      const err = await provider.send(message).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(Error)
      expect(err).not.toBeInstanceOf(PermanentMailError)
    }
  })

  it('treats a success without a message id as retryable', async () => {
    const { fn } = fakeFetch(new Response('<html>proxy</html>', { status: 200 }))
    const err = await resendProvider('k', fn).send(message).catch((e: unknown) => e)
    expect(err).not.toBeInstanceOf(PermanentMailError)
    expect(String(err)).toContain('without a message id')
  })
})

describe('providerFor', () => {
  it('logs locally, sends through Resend with a key, and refuses without one', () => {
    expect(providerFor({ LOCAL_MODE: 'true', RESEND_API_KEY: 'k' }).name).toBe('log')
    expect(providerFor({ RESEND_API_KEY: 'k' }).name).toBe('resend')
    expect(() => providerFor({})).toThrow('no mail provider')
  })
})
