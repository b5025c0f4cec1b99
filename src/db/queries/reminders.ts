import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { memberships, outbox, tasks, tenants, users } from '../schema'
import { relatedName } from './related-records'

export type ReminderClaim = { tenantId: string; id: string; remindAt: Date }

// Due, not sent, still open, and not held by a live claim of another cron run.
const claimable = (leaseMs: number) =>
  and(
    lte(tasks.remindAt, sql`now()`),
    isNull(tasks.reminderSentAt),
    isNull(tasks.completedAt),
    isNull(tasks.archivedAt),
    or(isNull(tasks.reminderClaimedAt), lt(tasks.reminderClaimedAt, sql`now() - make_interval(secs => ${leaseMs / 1000})`)),
  )

// The cron's sweep spans every workspace by design, so unlike tenant queries it takes no
// tenantId. One statement claims up to `limit` due reminders, oldest first (a catch-up sends in
// the order reminders fell due):
// - the CTE locks its rows; SKIP LOCKED passes over rows an overlapping run is claiming right
//   now, and a row that run has already claimed fails the re-checked condition once its lock is
//   released. So each reminder is claimed by one run per lease.
// - It is a CTE, not `where id in (subquery)`: the planner may run such a subquery again for
//   each outer row (a nested-loop semi join), and with SKIP LOCKED each run can lock a different
//   set, leaving rows locked but unclaimed. A CTE with row locks is planned on its own and runs
//   once (the overlapping-runs test lost a reminder on the server with the subquery).
export async function claimDueReminders(db: Db, limit: number, leaseMs: number): Promise<ReminderClaim[]> {
  const due = db.$with('due').as(
    db
      .select({ tenantId: tasks.tenantId, id: tasks.id })
      .from(tasks)
      .where(claimable(leaseMs))
      .orderBy(tasks.remindAt)
      .limit(limit)
      .for('update', { skipLocked: true }),
  )
  const rows = await db
    .with(due)
    .update(tasks)
    .set({ reminderClaimedAt: sql`now()` })
    .from(due)
    .where(and(eq(tasks.tenantId, due.tenantId), eq(tasks.id, due.id)))
    .returning({ tenantId: tasks.tenantId, id: tasks.id, remindAt: tasks.remindAt })
  return rows.flatMap((r) => (r.remindAt ? [{ tenantId: r.tenantId, id: r.id, remindAt: r.remindAt }] : []))
}

// What the reminder email needs: the task, its assignee (only while an active member) and the
// name of the record it is about, in one round trip.
// With the id of the reminder's outbox row if an earlier attempt already wrote it (by its key).
export async function getReminderTask(db: Db, tenantId: string, taskId: string, key: string) {
  const [row] = await db
    .select({
      id: tasks.id,
      title: tasks.title,
      description: tasks.description,
      dueAt: tasks.dueAt,
      remindAt: tasks.remindAt,
      completedAt: tasks.completedAt,
      archivedAt: tasks.archivedAt,
      accountId: tasks.accountId,
      contactId: tasks.contactId,
      leadId: tasks.leadId,
      opportunityId: tasks.opportunityId,
      relatedName: relatedName('tasks'),
      assigneeId: users.id,
      assigneeName: users.name,
      assigneeEmail: users.email,
      workspaceName: tenants.name,
      timeZone: sql<string>`coalesce(${users.timezone}, ${tenants.timezone})`,
      writtenOutboxId: sql<string | null>`(select o.id from ${outbox} o where o.idempotency_key = ${key})`,
    })
    .from(tasks)
    .innerJoin(tenants, eq(tenants.id, tasks.tenantId))
    .leftJoin(memberships, and(eq(memberships.tenantId, tasks.tenantId), eq(memberships.userId, tasks.assigneeId), isNull(memberships.deactivatedAt)))
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, taskId)))
  return row ?? null
}

export type ReminderTask = NonNullable<Awaited<ReturnType<typeof getReminderTask>>>
