import { and, eq, sql } from 'drizzle-orm'
import type { Role } from '../../domain/access/roles'
import type { Db } from '../client'
import { memberships, tenants } from '../schema'

export const insertTenant = (db: Db, values: typeof tenants.$inferInsert) => db.insert(tenants).values(values)

export const insertMembership = (db: Db, tenantId: string, userId: string, role: Role) => db.insert(memberships).values({ tenantId, userId, role })

export const recordLogin = (db: Db, tenantId: string, userId: string) =>
  db
    .update(memberships)
    .set({ lastLoginAt: sql`now()` })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))

export async function countTenants(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants)
  return row?.n ?? 0
}
