import { and, eq, ilike, sql } from 'drizzle-orm'
import type { EmailLogFilters } from '../../domain/mail/email-log'
import type { Db } from '../client'
import { outbox } from '../schema'
import { cappedCount, keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'

// The Email log: one workspace's outbox, newest first. Mail without a workspace (password
// resets) never shows up here.

export type EmailLogRow = Pick<typeof outbox.$inferSelect, 'id' | 'toAddress' | 'subject' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt'>

// (created_at, id) descending: served by outbox_tenant_created_idx, stable across equal times.
const NEWEST: Sort = { column: outbox.createdAt, kind: 'time', nullable: false, dir: 'desc' }

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)

const row = { id: outbox.id, toAddress: outbox.toAddress, subject: outbox.subject, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt, sentAt: outbox.sentAt }

const listWhere = (tenantId: string, f: EmailLogFilters) =>
  and(eq(outbox.tenantId, tenantId), f.status ? eq(outbox.status, f.status) : undefined, f.to ? ilike(outbox.toAddress, `${escapeLike(f.to)}%`) : undefined)

// The page's rows and its capped count, unawaited so the page sends both in one batch.
export function listEmailLogQueries(db: Db, tenantId: string, f: EmailLogFilters) {
  const where = listWhere(tenantId, f)
  return {
    rows: db.select(row).from(outbox).where(and(where, keysetAfter(NEWEST, outbox.id, f.cursor))).orderBy(...keysetOrder(NEWEST, outbox.id)).limit(f.limit + 1),
    count: cappedCount(db, outbox, where),
  }
}

// Trims the extra row and makes the next page's cursor from the last row's (created_at, id).
export const emailLogPage = (rows: EmailLogRow[], f: EmailLogFilters) => pageOf(rows, f.limit, (r) => r.createdAt)

export async function listEmailLog(db: Db, tenantId: string, f: EmailLogFilters): Promise<{ data: EmailLogRow[]; nextCursor: string | null }> {
  return emailLogPage(await listEmailLogQueries(db, tenantId, f).rows, f)
}

export type RequeueResult = { id: string; idempotencyKey: string } | 'not_found' | 'not_failed'

// Puts a failed email of this workspace back in the queue, in one conditional UPDATE so two
// clicks re-queue it once. Only failed rows qualify: a queued one is already on its way and a
// sent one must not go out twice. The follow-up read runs only when nothing changed, to tell
// "not here" (404) from "not failed" (409).
export async function requeueFailedEmail(db: Db, tenantId: string, id: string): Promise<RequeueResult> {
  const [row] = await db
    .update(outbox)
    .set({ status: 'queued' })
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id, idempotencyKey: outbox.idempotencyKey })
  if (row) return row
  const [existing] = await db.select({ one: sql<number>`1` }).from(outbox).where(and(eq(outbox.tenantId, tenantId), eq(outbox.id, id)))
  return existing ? 'not_failed' : 'not_found'
}
