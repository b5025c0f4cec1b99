// Session lifetimes (ASVS 5.0 V7.3). Idle: a working day without a request signs you out.
// Absolute: a week, after which even an active session must sign in again.
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000
// last_seen_at is written at most this often, so browsing is not a write per request.
export const SESSION_TOUCH_MS = 5 * 60 * 1000

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null }

export function sessionNeedsTouch(s: Pick<SessionTimes, 'lastSeenAt'>, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= SESSION_TOUCH_MS
}

// Only same-site relative paths are followed after sign-in, so `next` cannot send users away.
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}
