// Login throttling. The window is short so an attacker cannot lock a real user out for long:
// at worst, failures from many addresses block an account for one window (15 min); failures
// from one address only ever block that address for that account.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000
export const LIMITS = { accountAndIp: 5, account: 20, ip: 50 } as const

export type Dimension = keyof typeof LIMITS
export type FailureWindow = { count: number; oldest: Date | null }
export type FailureCounts = Record<Dimension, FailureWindow>

// Seconds until the attempt may be retried, or 0 when it may go ahead. Measured from the oldest
// failure of the blocking dimension: once it leaves the window the count drops below the limit
// (or the client is told a fresh, shorter wait).
export function loginRetryAfterSeconds(counts: FailureCounts, now: Date): number {
  let wait = 0
  for (const dim of Object.keys(LIMITS) as Dimension[]) {
    const { count, oldest } = counts[dim]
    if (count < LIMITS[dim]) continue
    const ms = (oldest ?? now).getTime() + LOGIN_WINDOW_MS - now.getTime()
    wait = Math.max(wait, Math.ceil(ms / 1000), 1)
  }
  return wait
}
