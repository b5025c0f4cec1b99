import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { memberships, tenants, users } from '../schema'
import { storeZone, zoneKnownToDb } from './time-zones'

// A member's digest settings: their own zone (null: the workspace's), the workspace's zone, and
// whether they want this workspace's digest.
export async function getDigestSettings(db: Db, tenantId: string, userId: string) {
  const [row] = await db
    .select({ timezone: users.timezone, workspaceTimeZone: tenants.timezone, workspaceName: tenants.name, digestEnabled: memberships.digestEnabled })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
  return row ?? null
}

export type DigestSettings = NonNullable<Awaited<ReturnType<typeof getDigestSettings>>>

// The user's zone is theirs in every workspace; the opt-in is this membership's. Either may be
// left out (the API's partial update). False when the database does not know the zone.
export function saveDigestSettings(db: Db, tenantId: string, userId: string, values: { timezone?: string | null; digestEnabled?: boolean }): Promise<boolean> {
  const { timezone, digestEnabled } = values
  const setZone =
    timezone === undefined
      ? null
      : db
          .update(users)
          .set({ timezone, updatedAt: sql`now()` })
          .where(and(eq(users.id, userId), timezone ? zoneKnownToDb(timezone) : undefined))
  const setOptIn = digestEnabled === undefined ? null : db.update(memberships).set({ digestEnabled, updatedAt: sql`now()` }).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
  if (setZone && setOptIn) return storeZone(db.batch([setZone, setOptIn]))
  return storeZone(setZone ?? setOptIn ?? Promise.resolve())
}
