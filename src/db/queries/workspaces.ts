import { and, eq, sql } from 'drizzle-orm'
import type { Role } from '../../domain/access/roles'
import type { Db } from '../client'
import { memberships, tenants } from '../schema'
import { storeZone, zoneKnownToDb } from './time-zones'

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

export async function getWorkspaceSettings(db: Db, tenantId: string) {
  const [row] = await db
    .select({ name: tenants.name, recordVisibility: tenants.recordVisibility, defaultCountry: tenants.defaultCountry, defaultCurrency: tenants.defaultCurrency, timezone: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
  return row ?? null
}

// False when the database does not know the time zone (see zoneKnownToDb); nothing is saved then.
export const updateWorkspaceSettings = (db: Db, tenantId: string, values: Pick<typeof tenants.$inferInsert, 'name' | 'recordVisibility' | 'defaultCountry' | 'defaultCurrency' | 'timezone'>) =>
  storeZone(
    db
      .update(tenants)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(tenants.id, tenantId), values.timezone ? zoneKnownToDb(values.timezone) : undefined)),
  )
