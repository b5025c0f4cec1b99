import { and, asc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm'
import { OPEN_LEAD_STATUSES } from '../../domain/records/vocab'
import type { Db } from '../client'
import { leads, tenants } from '../schema'

// Workspaces in id order, a page at a time, for the nightly sweep's fan-out.
export const workspaceIdsAfter = (db: Db, after: string | null, limit: number) =>
  db
    .select({ id: tenants.id })
    .from(tenants)
    .where(after ? gt(tenants.id, after) : undefined)
    .orderBy(asc(tenants.id))
    .limit(limit)

// The next page of a workspace's open leads that the sweep has not rescored yet: scored before
// the run started, or never. Keyset by id, so pages never overlap.
export async function leadsToSweep(db: Db, tenantId: string, runStartedAt: Date, after: string | undefined, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        isNull(leads.archivedAt),
        inArray(leads.status, OPEN_LEAD_STATUSES),
        or(isNull(leads.scoredAt), lt(leads.scoredAt, runStartedAt)),
        after ? gt(leads.id, after) : undefined,
      ),
    )
    .orderBy(asc(leads.id))
    .limit(limit)
  return rows.map((r) => r.id)
}
