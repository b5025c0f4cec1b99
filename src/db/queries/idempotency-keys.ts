import { and, eq, isNull, lte, or } from 'drizzle-orm'
import type { Db } from '../client'
import { idempotencyKeys } from '../schema'

// One key of one workspace on one route ("POST /api/v1/leads").
export type IdempotencyRef = { tenantId: string; route: string; key: string }
export type StoredResponse = { status: number; body: string | null; headers: Record<string, string> }

const byRef = (ref: IdempotencyRef) => and(eq(idempotencyKeys.tenantId, ref.tenantId), eq(idempotencyKeys.route, ref.route), eq(idempotencyKeys.key, ref.key))

// Claims the key for a request in one statement, so of two racing requests exactly one wins. A
// key is free when new, expired (not yet swept), or held by a request that died: still unanswered
// after locked_until. Returns the claim's time, which ties the answer to this claim, or null when
// the key is taken.
export async function claimIdempotencyKey(db: Db, ref: IdempotencyRef, requestHash: string, now: Date, lockMs: number, ttlMs: number): Promise<Date | null> {
  const claim = { requestHash, status: null, responseBody: null, responseHeaders: null, createdAt: now, lockedUntil: new Date(now.getTime() + lockMs), expiresAt: new Date(now.getTime() + ttlMs) }
  const rows = await db
    .insert(idempotencyKeys)
    .values({ ...ref, ...claim })
    .onConflictDoUpdate({
      target: [idempotencyKeys.tenantId, idempotencyKeys.route, idempotencyKeys.key],
      set: claim,
      setWhere: or(lte(idempotencyKeys.expiresAt, now), and(isNull(idempotencyKeys.status), lte(idempotencyKeys.lockedUntil, now))),
    })
    .returning({ createdAt: idempotencyKeys.createdAt })
  return rows[0]?.createdAt ?? null
}

export async function findIdempotencyKey(db: Db, ref: IdempotencyRef) {
  const rows = await db
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.status, responseBody: idempotencyKeys.responseBody, responseHeaders: idempotencyKeys.responseHeaders, lockedUntil: idempotencyKeys.lockedUntil, expiresAt: idempotencyKeys.expiresAt })
    .from(idempotencyKeys)
    .where(byRef(ref))
    .limit(1)
  return rows[0] ?? null
}

// Only the claim that is still ours: a request that outlived its lock may have lost the key.
const ourClaim = (ref: IdempotencyRef, claimedAt: Date) => and(byRef(ref), eq(idempotencyKeys.createdAt, claimedAt), isNull(idempotencyKeys.status))

export const saveIdempotentResponse = (db: Db, ref: IdempotencyRef, claimedAt: Date, response: StoredResponse) =>
  db.update(idempotencyKeys).set({ status: response.status, responseBody: response.body, responseHeaders: response.headers }).where(ourClaim(ref, claimedAt))

export const releaseIdempotencyKey = (db: Db, ref: IdempotencyRef, claimedAt: Date) => db.delete(idempotencyKeys).where(ourClaim(ref, claimedAt))
