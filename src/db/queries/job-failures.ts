import { and, count, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { MAX_DELIVERIES, MAX_JOB_ERROR_CHARS, type DeadJobsFilters, type FailedJob, type JobId } from '../../domain/jobs/failures'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { AppError } from '../../lib/errors'
import type { Db } from '../client'
import { jobFailures, outbox, tasks, tenants } from '../schema'

// job_failures: our record of failing and dead jobs (see the schema's comment). The consumer
// writes it on every failed attempt, the dead-letter consumer when the queue gives up, and the
// admin Jobs page reads, retries and discards it.

// The workspace a job belongs to: the message's own tenantId, or its outbox row's.
// Read through the tables, so a workspace deleted meanwhile leaves a system row (null) rather
// than a foreign-key error that would stop the recording.
const tenantOf = (job: FailedJob) =>
  sql`coalesce((select ${tenants.id} from ${tenants} where ${tenants.id} = ${job.tenantId}::uuid), (select ${outbox.tenantId} from ${outbox} where ${outbox.id} = ${job.outboxId}::uuid))`

const clip = (error: string) => error.slice(0, MAX_JOB_ERROR_CHARS)

// One failed attempt. A row that was resolved (retried from the page, or succeeded earlier) or
// dead starts a new episode: it is open again, and its first failure is now.
export async function recordJobFailure(db: Db, job: FailedJob, attempts: number, error: string): Promise<void> {
  await db
    .insert(jobFailures)
    .values({ type: job.type, key: job.key, tenantId: tenantOf(job), body: job.body, attempts, lastError: clip(error) })
    .onConflictDoUpdate({
      target: [jobFailures.type, jobFailures.key],
      set: {
        tenantId: sql`excluded.tenant_id`,
        body: sql`excluded.body`,
        attempts: sql`excluded.attempts`,
        lastError: sql`excluded.last_error`,
        lastFailedAt: sql`now()`,
        firstFailedAt: sql`case when ${jobFailures.resolvedAt} is null and ${jobFailures.deadAt} is null then ${jobFailures.firstFailedAt} else now() end`,
        deadAt: null,
        resolvedAt: null,
        resolution: null,
      },
    })
}

// A job that failed before now succeeded: it leaves the "retrying" count.
export async function markJobSucceeded(db: Db, job: JobId): Promise<void> {
  await db
    .update(jobFailures)
    .set({ resolvedAt: sql`now()`, resolution: 'succeeded' })
    .where(and(eq(jobFailures.type, job.type), eq(jobFailures.key, job.key), isNull(jobFailures.resolvedAt)))
}

// The queue gave up on a job. Usually its failures are already recorded and this only marks it
// dead; a job that never got as far as recording one (the consumer crashed or ran out of time)
// is inserted with an error that says so. dead_at is cut to milliseconds, the precision of the
// JS Date a keyset cursor carries it in.
export async function recordDeadJob(db: Db, job: FailedJob): Promise<void> {
  const deadAt = sql`date_trunc('milliseconds', now())`
  await db
    .insert(jobFailures)
    .values({
      type: job.type,
      key: job.key,
      tenantId: tenantOf(job),
      body: job.body,
      attempts: MAX_DELIVERIES,
      lastError: 'No error was recorded: the worker stopped (crashed or ran out of time) before it could say why.',
      deadAt,
    })
    .onConflictDoUpdate({ target: [jobFailures.type, jobFailures.key], set: { deadAt, resolvedAt: null, resolution: null } })
}

// ---- The admin Jobs page ----

const since24h = sql`now() - interval '24 hours'`
const counted = (where: SQL) => sql<number>`count(*) filter (where ${where})`.mapWith(Number)

// The page's metrics panel as one statement. Emails: the outbox keeps no time of failure, so sent
// and failed count the emails written in the last 24 hours (an email is sent or given up within
// minutes of being written: the queue's retries span about five); bounding by created_at also
// lets outbox_tenant_created_idx serve the scan. Queued ones count whatever their age.
export function jobMetricsQuery(db: Db, tenantId: string) {
  const emails = db
    .select({
      queued: counted(sql`${outbox.status} = 'queued'`).as('queued'),
      sent: counted(sql`${outbox.status} = 'sent' and ${outbox.createdAt} > ${since24h}`).as('sent'),
      failed: counted(sql`${outbox.status} = 'failed' and ${outbox.createdAt} > ${since24h}`).as('failed'),
    })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), or(eq(outbox.status, 'queued'), gt(outbox.createdAt, since24h))))
    .as('emails')
  const reminders = db
    .select({ due: count().as('due') })
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), lte(tasks.remindAt, sql`now()`), isNull(tasks.reminderSentAt), isNull(tasks.completedAt), isNull(tasks.archivedAt)))
    .as('reminders')
  const jobs = db
    .select({ retrying: counted(sql`${jobFailures.deadAt} is null`).as('retrying'), dead: counted(sql`${jobFailures.deadAt} is not null`).as('dead') })
    .from(jobFailures)
    .where(and(eq(jobFailures.tenantId, tenantId), isNull(jobFailures.resolvedAt)))
    .as('jobs')
  return db
    .select({ emailsQueued: emails.queued, emailsSent: emails.sent, emailsFailed: emails.failed, remindersDue: reminders.due, jobsRetrying: jobs.retrying, jobsDead: jobs.dead })
    .from(emails)
    .crossJoin(reminders)
    .crossJoin(jobs)
}
export type JobMetrics = Awaited<ReturnType<typeof jobMetricsQuery>>[number]

const deadIn = (tenantId: string) => and(eq(jobFailures.tenantId, tenantId), isNotNull(jobFailures.deadAt), isNull(jobFailures.resolvedAt))

const deadRow = {
  type: jobFailures.type,
  key: jobFailures.key,
  body: jobFailures.body,
  attempts: jobFailures.attempts,
  lastError: jobFailures.lastError,
  firstFailedAt: jobFailures.firstFailedAt,
  lastFailedAt: jobFailures.lastFailedAt,
  deadAt: jobFailures.deadAt,
}
export type DeadJob = Pick<typeof jobFailures.$inferSelect, 'type' | 'key' | 'body' | 'attempts' | 'lastError' | 'firstFailedAt' | 'lastFailedAt'> & { deadAt: Date }

// Newest first by (dead_at, type, key): a total order, so the keyset cursor is exact.
function after(cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined
  const [at, type, key, ...rest] = decodeCursor(cursor)
  const deadAt = new Date(String(at))
  if (rest.length || typeof at !== 'string' || typeof type !== 'string' || typeof key !== 'string' || Number.isNaN(deadAt.getTime())) {
    throw new AppError('BAD_REQUEST', 'The cursor does not fit this list; start again from the first page.')
  }
  return sql`(${jobFailures.deadAt}, ${jobFailures.type}, ${jobFailures.key}) < (${deadAt}, ${type}, ${key})`
}

// One page of this workspace's dead jobs (plus one row, to know whether another page follows),
// unawaited so the page sends it in one batch with the metrics.
export const listDeadJobsQuery = (db: Db, tenantId: string, f: DeadJobsFilters) =>
  db
    .select(deadRow)
    .from(jobFailures)
    .where(and(deadIn(tenantId), after(f.cursor)))
    .orderBy(desc(jobFailures.deadAt), desc(jobFailures.type), desc(jobFailures.key))
    .limit(f.limit + 1)

export function deadJobsPage(rows: Awaited<ReturnType<typeof listDeadJobsQuery>>, f: DeadJobsFilters): { data: DeadJob[]; nextCursor: string | null } {
  // deadAt is never null here (the query asks for dead rows); flatMap only tells the compiler so.
  const data = rows.slice(0, f.limit).flatMap((r) => (r.deadAt ? [{ ...r, deadAt: r.deadAt }] : []))
  const last = data.at(-1)
  return { data, nextCursor: rows.length > f.limit && last ? encodeCursor([last.deadAt.toISOString(), last.type, last.key]) : null }
}

const oneOf = (jobs: JobId[]) => or(...jobs.map((j) => and(eq(jobFailures.type, j.type), eq(jobFailures.key, j.key))))

// Retry or Discard: closes this workspace's dead jobs among `jobs` in one conditional UPDATE, so
// a second click (or another admin) closes nothing twice. Returns the jobs it closed, with the
// bodies a retry sends again.
export const resolveDeadJobs = (db: Db, tenantId: string, jobs: JobId[], resolution: 'retried' | 'discarded') =>
  db
    .update(jobFailures)
    .set({ resolvedAt: sql`now()`, resolution })
    .where(and(deadIn(tenantId), oneOf(jobs)))
    .returning({ type: jobFailures.type, key: jobFailures.key, body: jobFailures.body })

// Puts retried jobs back on the list when they could not be queued after all.
export async function reopenDeadJobs(db: Db, tenantId: string, jobs: JobId[]): Promise<void> {
  await db
    .update(jobFailures)
    .set({ resolvedAt: null, resolution: null })
    .where(and(eq(jobFailures.tenantId, tenantId), eq(jobFailures.resolution, 'retried'), oneOf(jobs)))
}
