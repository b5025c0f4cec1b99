import { and, asc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { DIGEST_LOCAL_TIME, DIGEST_SECTION_LIMIT } from '../../domain/jobs/digest'
import type { Db } from '../client'
import { memberships, outbox, tasks, tenants, users } from '../schema'
import { relatedName } from './related-records'

export type DigestClaim = { tenantId: string; userId: string; localDate: string }

// A member's clock: their own zone, else their workspace's.
const memberZone = sql`coalesce(${users.timezone}, ${tenants.timezone})`

// The cron's sweep spans every workspace by design, so it takes no tenantId. `now` is the cron
// tick's time rather than the database clock: a tick decides for the moment it stands for, and a
// test can stand a tick anywhere in the calendar (a DST change) without waiting for it. One
// statement claims up to `limit` members whose local time has reached 07:00 on a local day not
// yet handled, sets their lease and returns that local day. It has the shape of
// claimDueReminders (a locking CTE with SKIP LOCKED, the condition re-checked on the locked
// row), for the same reasons: overlapping runs claim each member once.
export async function claimDueDigests(db: Db, now: Date, limit: number, leaseMs: number): Promise<DigestClaim[]> {
  const at = sql`${now.toISOString()}::timestamptz`
  const local = sql`(${at} at time zone ${memberZone})`
  const due = db.$with('due').as(
    db
      .select({ tenantId: memberships.tenantId, userId: memberships.userId, localDate: sql<string>`${local}::date::text`.as('local_date') })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(
        and(
          eq(memberships.digestEnabled, true),
          isNull(memberships.deactivatedAt),
          sql`${local}::time >= ${DIGEST_LOCAL_TIME}::time`,
          or(isNull(memberships.digestSentOn), sql`${memberships.digestSentOn} < ${local}::date`),
          or(isNull(memberships.digestClaimedAt), lt(memberships.digestClaimedAt, sql`${at} - make_interval(secs => ${leaseMs / 1000})`)),
        ),
      )
      .orderBy(memberships.tenantId, memberships.userId)
      .limit(limit)
      .for('update', { of: memberships, skipLocked: true }),
  )
  return db
    .with(due)
    .update(memberships)
    .set({ digestClaimedAt: sql`${at}` })
    .from(due)
    .where(and(eq(memberships.tenantId, due.tenantId), eq(memberships.userId, due.userId)))
    .returning({ tenantId: memberships.tenantId, userId: memberships.userId, localDate: due.localDate })
}

// The member the digest is for, with what decides whether it is still to be sent, and the id of
// its outbox row if an earlier attempt already wrote it (by its key).
function digestMemberQuery(db: Db, tenantId: string, userId: string, key: string) {
  return db
    .select({
      name: users.name,
      email: users.email,
      zone: sql<string>`${memberZone}`,
      workspaceName: tenants.name,
      digestEnabled: memberships.digestEnabled,
      deactivatedAt: memberships.deactivatedAt,
      sentOn: memberships.digestSentOn,
      writtenOutboxId: sql<string | null>`(select o.id from ${outbox} o where o.idempotency_key = ${key})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
}

// The member's open tasks due in a window, soonest first, with how many there are in all.
function digestTasksQuery(db: Db, tenantId: string, userId: string, window: { from?: SQL; before: SQL }) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueAt: tasks.dueAt,
      accountId: tasks.accountId,
      contactId: tasks.contactId,
      leadId: tasks.leadId,
      opportunityId: tasks.opportunityId,
      relatedName: relatedName('tasks'),
      // Window functions run before LIMIT, so this counts the whole section.
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.assigneeId, userId), isNull(tasks.completedAt), isNull(tasks.archivedAt), window.from ? gte(tasks.dueAt, window.from) : undefined, lt(tasks.dueAt, window.before)))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(DIGEST_SECTION_LIMIT)
}

// Everything the digest job reads, in one round trip. The local day's bounds are worked out by
// the database from the member's zone, so a 23- or 25-hour day around a DST change is one day.
export async function loadDigest(db: Db, tenantId: string, userId: string, localDate: string, key: string) {
  const zone = sql`(select coalesce(u.timezone, t.timezone) from ${users} u, ${tenants} t where u.id = ${userId} and t.id = ${tenantId})`
  const dayStart = sql`(${localDate}::date::timestamp at time zone ${zone})`
  const dayEnd = sql`((${localDate}::date + 1)::timestamp at time zone ${zone})`
  const [[member], overdue, today] = await db.batch([
    digestMemberQuery(db, tenantId, userId, key),
    digestTasksQuery(db, tenantId, userId, { before: dayStart }),
    digestTasksQuery(db, tenantId, userId, { from: dayStart, before: dayEnd }),
  ])
  return member ? { member, overdue, today } : null
}

export type LoadedDigest = NonNullable<Awaited<ReturnType<typeof loadDigest>>>
export type DigestTask = LoadedDigest['today'][number]

// Records that the member's day was handled, so the cron stops claiming them until tomorrow.
// Never moves the mark back: a late message for an older day changes nothing.
export const markDigestHandled = (db: Db, tenantId: string, userId: string, localDate: string) =>
  db
    .update(memberships)
    .set({ digestSentOn: localDate })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), or(isNull(memberships.digestSentOn), lt(memberships.digestSentOn, localDate))))
