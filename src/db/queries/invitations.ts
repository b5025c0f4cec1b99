import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { invitations, memberships, tenants, users } from '../schema'

export const insertInvitation = (db: Db, values: typeof invitations.$inferInsert) => db.insert(invitations).values(values)

// Open invitations of a workspace, for the users page.
export function listPendingInvitations(db: Db, tenantId: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)))
    .orderBy(desc(invitations.createdAt))
}

export const revokeInvitation = (db: Db, tenantId: string, id: string) =>
  db
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id })

// An invitation by its link token, with what the accept page shows. Open means usable.
export async function findOpenInvitation(db: Db, tokenHash: string) {
  const rows = await db
    .select({ tenantId: invitations.tenantId, id: invitations.id, email: invitations.email, role: invitations.role, workspaceName: tenants.name, inviterName: users.name })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)))
    .limit(1)
  return rows[0] ?? null
}

// Single use: the accepting batch starts with this conditional UPDATE, and the membership
// insert only happens if it claimed the row (a second use inserts nothing).
export const claimInvitation = (db: Db, tokenHash: string) =>
  db
    .update(invitations)
    .set({ acceptedAt: sql`now()` })
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)))
    .returning({ tenantId: invitations.tenantId, role: invitations.role })

// Adds the membership for an invitation claimed by this same batch: accepted_at = now() holds
// only within the transaction that claimed it. An existing membership is left alone: a second
// invitation still open from before the person joined must not undo a deactivation or change
// their role (those are admin actions on the users page).
export const joinFromInvitation = (db: Db, tokenHash: string, userId: string) =>
  db.execute(sql`
    insert into ${memberships} (tenant_id, user_id, role)
    select i.tenant_id, ${userId}, i.role from ${invitations} i where i.token_hash = ${tokenHash} and i.accepted_at = now()
    on conflict (tenant_id, user_id) do nothing`)
