import { and, desc, eq, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { outbox } from '../schema'

export type OutboxRow = typeof outbox.$inferSelect
export type OutboxStatus = OutboxRow['status']
export type OutboxSummary = Pick<OutboxRow, 'id' | 'toAddress' | 'subject' | 'status' | 'attempts' | 'createdAt' | 'sentAt'>

// An email as a caller hands it over. tenantId is null for mail that belongs to a person rather
// than a workspace (password resets).
export type EmailDraft = { tenantId: string | null; idempotencyKey: string; to: string; subject: string; html: string; text: string }

// A provider error can be a whole HTML page; the row only needs enough to tell what went wrong.
const MAX_ERROR_CHARS = 1000

// Exactly-once writing: the unique idempotency key turns a repeat into a no-op, and the caller
// gets the id of whichever row holds the key. The follow-up read runs only after a conflict, and
// as its own statement, so it sees a row that a concurrent writer has just committed.
export async function enqueueEmail(db: Db, draft: EmailDraft): Promise<string> {
  const [inserted] = await db
    .insert(outbox)
    .values({ tenantId: draft.tenantId, idempotencyKey: draft.idempotencyKey, toAddress: draft.to, subject: draft.subject, html: draft.html, text: draft.text })
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning({ id: outbox.id })
  if (inserted) return inserted.id
  const [existing] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, draft.idempotencyKey))
  if (!existing) throw new Error(`outbox row for ${draft.idempotencyKey} vanished after a conflict`)
  return existing.id
}

// One conditional UPDATE: a row that is already sent (or gone) returns null and is never sent
// again. queued and failed rows are claimable: a failed row can still have a message in flight
// (one that outlived its attempts budget, or a redelivered duplicate), and sending it then is
// harmless. The schema has no "sending" state, so two deliveries running at the same instant can
// both claim a row; the provider's idempotency key (the row's) collapses those into one send.
export async function claimEmailForSending(db: Db, id: string): Promise<OutboxRow | null> {
  const [row] = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1` })
    .where(and(eq(outbox.id, id), ne(outbox.status, 'sent')))
    .returning()
  return row ?? null
}

export async function markEmailSent(db: Db, id: string, providerMessageId: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', providerMessageId, sentAt: sql`now()`, lastError: null })
    .where(and(eq(outbox.id, id), ne(outbox.status, 'sent')))
}

// A transient failure: the row stays (or goes back to) queued, with the reason, while the queue
// retries. Like markEmailFailed it never touches a sent row.
export async function markEmailRetrying(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'queued', lastError: error.slice(0, MAX_ERROR_CHARS) })
    .where(and(eq(outbox.id, id), ne(outbox.status, 'sent')))
}

// Never downgrades a sent row: if a concurrent attempt got the mail out, its success stands.
export async function markEmailFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'failed', lastError: error.slice(0, MAX_ERROR_CHARS) })
    .where(and(eq(outbox.id, id), ne(outbox.status, 'sent')))
}

// The dev mailbox spans every tenant on purpose (it is a local-only tool), so unlike tenant
// queries these take no tenantId. Newest first by id: UUIDv7 ids follow creation order, so the
// primary key serves the keyset; `before` is the last id of the previous page.
export async function listOutbox(db: Db, { limit, before }: { limit: number; before?: string }): Promise<{ items: OutboxSummary[]; nextBefore: string | null }> {
  const rows = await db
    .select({ id: outbox.id, toAddress: outbox.toAddress, subject: outbox.subject, status: outbox.status, attempts: outbox.attempts, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
    .from(outbox)
    .where(before ? lt(outbox.id, before) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit + 1)
  const items = rows.slice(0, limit)
  return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null }
}

export async function getOutboxMessage(db: Db, id: string): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id))
  return row ?? null
}
