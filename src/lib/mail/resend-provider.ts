import { PermanentMailError, type MailProvider } from './mailer'

const ENDPOINT = 'https://api.resend.com/emails'
// A send either answers within this or is treated like a network error: retried with backoff.
const TIMEOUT_MS = 10_000
// Resend's error bodies are short JSON; the cap keeps a proxy's HTML error page out of the row.
const MAX_DETAIL_CHARS = 300

const RETRYABLE_4XX = new Set([409, 429])

type Fetch = typeof fetch

// Resend's transactional API. The outbox row's idempotency key goes out as Resend's
// Idempotency-Key, so a send repeated after a crash between "sent" and "recorded" is dropped by
// Resend instead of reaching the recipient twice. fetch is a parameter for tests; the default
// calls the global one at send time (an unbound reference to it throws "Illegal invocation").
export function resendProvider(apiKey: string, fetchFn: Fetch = (input, init) => fetch(input, init)): MailProvider {
  return {
    name: 'resend',
    async send(msg) {
      const res = await fetchFn(ENDPOINT, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': msg.idempotencyKey },
        body: JSON.stringify({ from: msg.from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      })
      if (res.ok) {
        const body = (await res.json().catch(() => null)) as { id?: unknown } | null
        if (typeof body?.id !== 'string') throw new Error(`resend answered ${res.status} without a message id`)
        return { providerMessageId: body.id }
      }
      const detail = `resend answered ${res.status}: ${(await res.text().catch(() => '')).slice(0, MAX_DETAIL_CHARS)}`
      // 4xx means this request will never succeed as it is. 429 (rate limit), 409 (Resend is still
      // processing an earlier send with this idempotency key), 5xx and anything unexpected may
      // pass later, so they take the queue's retry with backoff.
      if (res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status)) throw new PermanentMailError(detail)
      throw new Error(detail)
    },
  }
}
