import { and, eq, isNull } from 'drizzle-orm'
import type { ViewEntity } from '../../domain/views/catalogue'
import type { Db } from '../client'
import { activityEvents, memberships, tenants, users } from '../schema'

// What the audit trail keeps of an export: the list, the saved view, the list's filters as given
// and how many rows the export selected when it started.
export type ExportAudit = { entity: ViewEntity; viewId?: string; filter: Record<string, unknown>; rowCount: number }

// The workspace-wide "exported" event (entity = the workspace). `id` is the export's own id for a
// prepared export, so a redelivered job writes it once.
export const exportedEvent = (db: Db, tenantId: string, id: string, actorUserId: string, payload: ExportAudit) =>
  db.insert(activityEvents).values({ tenantId, id, entityType: 'workspace', entityId: tenantId, eventType: 'exported', actorUserId, payload }).onConflictDoNothing()

// The person a prepared export is for, as they are when the job runs: an active member's role,
// the workspace's visibility setting, and where to send the link. Null once they have left.
export async function exportRecipient(db: Db, tenantId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role, name: users.name, email: users.email, recordVisibility: tenants.recordVisibility, workspaceName: tenants.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
  return row ?? null
}
