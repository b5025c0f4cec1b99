// When a failed delivery is tried again: exponential backoff (1 min, then ×5 per attempt, capped
// at Cloudflare Queues' 12-hour maximum delay) with ±20% jitter so that an endpoint that comes
// back is not hit by every waiting delivery at once. 10 retries after the first attempt span
// about 3 days (1m + 5m + 25m + 2h05 + 10h25 + 5 × 12h ≈ 72.9 h before jitter).

export const MAX_DELAY_SECONDS = 12 * 60 * 60
export const MAX_ATTEMPTS = 11
const FIRST_DELAY_SECONDS = 60
const GROWTH = 5
const JITTER = 0.2

// The delay after attempt number `attempts` (1 = the first) failed, or null when that was the
// last. `random` is a number in [0, 1), Math.random in production.
export function retryDelaySeconds(attempts: number, random: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null
  const base = FIRST_DELAY_SECONDS * GROWTH ** (Math.max(1, attempts) - 1)
  const jittered = base * (1 - JITTER + 2 * JITTER * random)
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.round(jittered)))
}
