import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Role } from '../../domain/access/roles'
import type { Db } from '../client'
import { apiTokens, memberships, sessions, tenants, users } from '../schema'

export function listMembers(db: Db, tenantId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, lastLoginAt: memberships.lastLoginAt, deactivatedAt: memberships.deactivatedAt, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(memberships.deactivatedAt), asc(users.name))
}

export type Member = Awaited<ReturnType<typeof listMembers>>[number]

// Serialises admin changes within one workspace: every batch that could remove an admin takes
// this row lock first, so two admins demoting each other at once cannot both succeed.
const lockTenant = (db: Db, tenantId: string) => db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for('update')

// True when someone other than userId would still be an active admin.
const anotherActiveAdmin = (tenantId: string, userId: string) =>
  sql`exists (select 1 from ${memberships} m where m.tenant_id = ${tenantId} and m.role = 'admin' and m.deactivated_at is null and m.user_id <> ${userId})`

export type MemberChange = 'ok' | 'not_found' | 'last_admin'

// Why a guarded update changed nothing: the member is not in this workspace, or the change was
// already made (deactivating twice), or it would have removed the last admin.
async function outcome(db: Db, tenantId: string, userId: string, changed: boolean, alreadyDone: (m: { deactivatedAt: Date | null }) => boolean): Promise<MemberChange> {
  if (changed) return 'ok'
  const [row] = await db.select({ deactivatedAt: memberships.deactivatedAt }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
  if (!row) return 'not_found'
  return alreadyDone(row) ? 'ok' : 'last_admin'
}

export async function changeRole(db: Db, tenantId: string, userId: string, role: Role): Promise<MemberChange> {
  const [, updated] = await db.batch([
    lockTenant(db, tenantId),
    db
      .update(memberships)
      .set({ role, updatedAt: sql`now()` })
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), role === 'admin' ? sql`true` : anotherActiveAdmin(tenantId, userId)))
      .returning({ userId: memberships.userId }),
  ])
  return outcome(db, tenantId, userId, updated.length === 1, () => false)
}

// Deactivation and the end of that person's sessions and tokens in this workspace are one batch;
// the revocations only apply if the deactivation did.
export async function deactivateMember(db: Db, tenantId: string, userId: string): Promise<MemberChange> {
  const deactivated = sql`exists (select 1 from ${memberships} m where m.tenant_id = ${tenantId} and m.user_id = ${userId} and m.deactivated_at is not null)`
  const [, updated] = await db.batch([
    lockTenant(db, tenantId),
    db
      .update(memberships)
      .set({ deactivatedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt), anotherActiveAdmin(tenantId, userId)))
      .returning({ userId: memberships.userId }),
    db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), isNull(sessions.revokedAt), deactivated)),
    db.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), deactivated)),
  ])
  return outcome(db, tenantId, userId, updated.length === 1, (m) => m.deactivatedAt !== null)
}

export async function reactivateMember(db: Db, tenantId: string, userId: string): Promise<MemberChange> {
  const rows = await db
    .update(memberships)
    .set({ deactivatedAt: null, updatedAt: sql`now()` })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNotNull(memberships.deactivatedAt)))
    .returning({ userId: memberships.userId })
  return outcome(db, tenantId, userId, rows.length === 1, (m) => m.deactivatedAt === null)
}

export async function isMember(db: Db, tenantId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(users.email, email)))
    .limit(1)
  return rows.length > 0
}
