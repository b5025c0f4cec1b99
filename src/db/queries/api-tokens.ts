import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { apiTokens, memberships, tenants, users } from '../schema'

export const insertApiToken = (db: Db, values: typeof apiTokens.$inferInsert) =>
  db.insert(apiTokens).values(values).returning({ id: apiTokens.id, name: apiTokens.name, tokenPrefix: apiTokens.tokenPrefix, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt, createdAt: apiTokens.createdAt })

// Unrevoked tokens in the active workspace: one person's (ownerId), or everyone's (null, for
// admins). Never another tenant's. Expired tokens stay listed, so people see why one stopped.
export function listApiTokens(db: Db, tenantId: string, ownerId: string | null) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, tokenPrefix: apiTokens.tokenPrefix, scopes: apiTokens.scopes, ownerId: apiTokens.userId, ownerName: users.name, ownerEmail: users.email, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tenantId, tenantId), ownerId === null ? undefined : eq(apiTokens.userId, ownerId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number]

// Revokes one token of ownerId's, or (null, for admins) anyone's in the workspace.
export const revokeApiToken = (db: Db, tenantId: string, ownerId: string | null, id: string) =>
  db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.tenantId, tenantId), ownerId === null ? undefined : eq(apiTokens.userId, ownerId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })

// The identity a bearer token acts as: its user, with that user's current role in the token's
// workspace. A revoked token or a deactivated membership finds nothing; an expired one is found,
// so the caller can say why it is refused.
export async function findActiveApiToken(db: Db, tokenHash: string) {
  const rows = await db
    .select({ tokenId: apiTokens.id, tenantId: apiTokens.tenantId, userId: apiTokens.userId, role: memberships.role, userName: users.name, email: users.email, tenantName: tenants.name, recordVisibility: tenants.recordVisibility, defaultCountry: tenants.defaultCountry, lastUsedAt: apiTokens.lastUsedAt, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .innerJoin(memberships, and(eq(memberships.tenantId, apiTokens.tenantId), eq(memberships.userId, apiTokens.userId)))
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(memberships.deactivatedAt)))
    .limit(1)
  return rows[0] ?? null
}

// What /me tells a client about the token it called with.
export async function getApiToken(db: Db, tenantId: string, id: string) {
  const rows = await db.select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt }).from(apiTokens).where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)))
  return rows[0] ?? null
}

export const touchApiToken = (db: Db, tenantId: string, id: string) => db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)))
