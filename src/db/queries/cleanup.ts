import { and, isNotNull, lt, or } from 'drizzle-orm'
import { RATE_WINDOW_MS } from '../../domain/forms/rate-limit'
import type { Db } from '../client'
import { idempotencyKeys, invitations, loginFailures, passwordResets, rateLimits, sessions } from '../schema'

// Deletes what can no longer matter, relative to `now`. Idempotent by nature: running it twice
// deletes nothing the second time. Sessions and links are kept a while after they end, so a
// support question about "my link expired" can still be answered from the database.
export async function pruneExpiredAuthData(db: Db, now: Date, failureWindowMs: number, keepEndedMs: number) {
  const failuresBefore = new Date(now.getTime() - failureWindowMs)
  const endedBefore = new Date(now.getTime() - keepEndedMs)
  await db.batch([
    db.delete(loginFailures).where(lt(loginFailures.createdAt, failuresBefore)),
    db.delete(sessions).where(or(lt(sessions.expiresAt, endedBefore), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, endedBefore)))),
    db.delete(passwordResets).where(lt(passwordResets.expiresAt, endedBefore)),
    db.delete(invitations).where(lt(invitations.expiresAt, endedBefore)),
    // A rate-limit window that has ended limits nothing.
    db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - RATE_WINDOW_MS))),
    // A replay is promised for 24 hours; after that the key is free again anyway.
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)),
  ])
}
