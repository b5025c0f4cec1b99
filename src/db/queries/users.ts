import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Role } from '../../domain/access/roles'
import type { Db } from '../client'
import { memberships, tenants, users } from '../schema'

export type UserInsert = typeof users.$inferInsert

export const insertUser = (db: Db, values: UserInsert) => db.insert(users).values(values)

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1)
  return rows[0] ?? null
}

export async function findUserById(db: Db, userId: string) {
  const rows = await db.select().from(users).where(eq(users.id, userId)).limit(1)
  return rows[0] ?? null
}

export const setPasswordHash = (db: Db, userId: string, passwordHash: string, changed: boolean) =>
  db
    .update(users)
    .set(changed ? { passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()` } : { passwordHash })
    .where(eq(users.id, userId))

// The workspaces a person may sign in to, most recently used first: sign-in lands in the first.
export function listActiveWorkspaces(db: Db, userId: string) {
  return db
    .select({ tenantId: memberships.tenantId, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .orderBy(sql`${memberships.lastLoginAt} desc nulls last`, desc(memberships.createdAt))
}

export type WorkspaceChoice = { tenantId: string; name: string; role: Role }
