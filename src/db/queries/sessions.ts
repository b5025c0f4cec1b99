import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { memberships, sessions, tenants, users } from '../schema'

export type SessionInsert = typeof sessions.$inferInsert

export const insertSession = (db: Db, values: SessionInsert) => db.insert(sessions).values(values)

// One round trip: the session, its user, and the membership that gives the role in the active
// workspace. A revoked, expired, idle or deactivated session simply finds nothing.
export async function findActiveSession(db: Db, tokenHash: string, idleSince: Date) {
  const rows = await db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      tenantId: sessions.tenantId,
      role: memberships.role,
      userName: users.name,
      email: users.email,
      tenantName: tenants.name,
      recordVisibility: tenants.recordVisibility,
      defaultCountry: tenants.defaultCountry,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(memberships, and(eq(memberships.tenantId, sessions.tenantId), eq(memberships.userId, sessions.userId)))
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), gt(sessions.lastSeenAt, idleSince), isNull(memberships.deactivatedAt)))
    .limit(1)
  return rows[0] ?? null
}

export const touchSession = (db: Db, sessionId: string) => db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId))

export const revokeSession = (db: Db, sessionId: string) => db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))

// Every session of a person (password reset), optionally keeping the one making the request.
export function revokeUserSessions(db: Db, userId: string, exceptSessionId?: string) {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)]
  if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId))
  return db.update(sessions).set({ revokedAt: sql`now()` }).where(and(...conditions))
}

// Other sessions that would still be let in (not revoked, expired or idle past idleSince).
export async function countOtherSessions(db: Db, userId: string, sessionId: string, idleSince: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), gt(sessions.lastSeenAt, idleSince)))
  return row?.n ?? 0
}

// Switches the active workspace only to one where the user has an active membership.
export async function switchSessionTenant(db: Db, sessionId: string, userId: string, tenantId: string): Promise<boolean> {
  const rows = await switchSessionTenantQuery(db, sessionId, userId, tenantId)
  return rows.length === 1
}

// The same, as a statement to put in a batch after the membership it relies on.
export function switchSessionTenantQuery(db: Db, sessionId: string, userId: string, tenantId: string) {
  return db
    .update(sessions)
    .set({ tenantId })
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        sql`exists (select 1 from ${memberships} where ${memberships.tenantId} = ${tenantId} and ${memberships.userId} = ${userId} and ${memberships.deactivatedAt} is null)`,
      ),
    )
    .returning({ id: sessions.id })
}
