import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { apiTokens, memberships, tenants, users } from '../schema'

export const insertApiToken = (db: Db, values: typeof apiTokens.$inferInsert) => db.insert(apiTokens).values(values).returning({ id: apiTokens.id, name: apiTokens.name, tokenPrefix: apiTokens.tokenPrefix, createdAt: apiTokens.createdAt })

// A person's own tokens in the active workspace; never another person's, never another tenant's.
export function listApiTokens(db: Db, tenantId: string, userId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, tokenPrefix: apiTokens.tokenPrefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
}

export const revokeApiToken = (db: Db, tenantId: string, userId: string, id: string) =>
  db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })

// The identity a bearer token acts as: its user, with that user's current role in the token's
// workspace. A revoked token or a deactivated membership finds nothing.
export async function findActiveApiToken(db: Db, tokenHash: string) {
  const rows = await db
    .select({ tokenId: apiTokens.id, tenantId: apiTokens.tenantId, userId: apiTokens.userId, role: memberships.role, userName: users.name, email: users.email, tenantName: tenants.name, recordVisibility: tenants.recordVisibility, defaultCountry: tenants.defaultCountry, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(memberships, and(eq(memberships.tenantId, apiTokens.tenantId), eq(memberships.userId, apiTokens.userId)))
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(memberships.deactivatedAt)))
    .limit(1)
  return rows[0] ?? null
}

export const touchApiToken = (db: Db, tenantId: string, id: string) => db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)))
