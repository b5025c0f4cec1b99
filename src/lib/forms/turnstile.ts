import { logger } from '../log'

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'
const TIMEOUT_MS = 5000

// Asks Cloudflare whether a Turnstile token is good. Fails closed: no token, a refusal, an error
// or no answer within 5 s all count as not verified. Cloudflare accepts each token once, so a
// replayed one is refused there (timeout-or-duplicate).
export async function verifyTurnstile(secret: string, token: string | undefined, remoteIp: string | null, requestId: string): Promise<boolean> {
  if (!token) return false
  const body = new URLSearchParams({ secret, response: token })
  if (remoteIp) body.set('remoteip', remoteIp)
  try {
    const res = await fetch(SITEVERIFY, { method: 'POST', body, signal: AbortSignal.timeout(TIMEOUT_MS) })
    const answer = res.ok ? ((await res.json()) as { success?: unknown; 'error-codes'?: unknown }) : null
    if (answer?.success === true) return true
    logger.info('turnstile.refused', { requestId, status: res.status, errors: answer?.['error-codes'] ?? null })
  } catch (err) {
    logger.warn('turnstile.unreachable', { requestId, error: String(err) })
  }
  return false
}
