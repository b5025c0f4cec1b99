import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { memberships, tasks, tenants, users } from '../schema'
import { relatedName } from './related-records'

// A task as its reminder's link page shows it, with what the page needs to act as the person the
// link was sent to: their role while they are an active member (null otherwise) and the
// workspace's record visibility. One round trip, scoped by the link's tenant.
export async function getLinkedTask(db: Db, tenantId: string, taskId: string, userId: string) {
  const [row] = await db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueAt: tasks.dueAt,
      remindAt: tasks.remindAt,
      assigneeId: tasks.assigneeId,
      accountId: tasks.accountId,
      contactId: tasks.contactId,
      leadId: tasks.leadId,
      opportunityId: tasks.opportunityId,
      relatedName: relatedName('tasks'),
      completedAt: tasks.completedAt,
      archivedAt: tasks.archivedAt,
      workspaceName: tenants.name,
      recordVisibility: tenants.recordVisibility,
      role: memberships.role,
      // The zone the reminder email spelled its times in, so the page agrees with it.
      timeZone: sql<string>`coalesce(${users.timezone}, ${tenants.timezone})`,
    })
    .from(tasks)
    .innerJoin(tenants, eq(tenants.id, tasks.tenantId))
    .leftJoin(memberships, and(eq(memberships.tenantId, tasks.tenantId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, taskId)))
  return row ?? null
}

export type LinkedTask = NonNullable<Awaited<ReturnType<typeof getLinkedTask>>>
