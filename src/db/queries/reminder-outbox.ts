import { and, eq, isNull, sql } from 'drizzle-orm'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { outbox, tasks } from '../schema'
import type { EmailDraft } from './outbox'

// The reminder's email and the task's "sent" mark, in one batch (one transaction):
// - the outbox row is inserted only while the task still wants this reminder (same remind_at,
//   open, not archived), and only once per key: a redelivered message conflicts and writes nothing;
// - reminder_sent_at is set only by the first writer for this remind_at;
// - the last statement reads the id of whichever row holds the key, the one just written or the
//   one an earlier attempt wrote, so the caller can (re-)enqueue its delivery.
// Returns null when no row holds the key: the task changed under the job and nothing is sent.
export async function writeReminderEmail(db: Db, tenantId: string, taskId: string, remindAt: Date, draft: EmailDraft): Promise<string | null> {
  const stillWanted = sql`exists (select 1 from ${tasks} t where t.tenant_id = ${tenantId} and t.id = ${taskId}
    and t.remind_at = ${remindAt.toISOString()}::timestamptz and t.completed_at is null and t.archived_at is null)`
  const [, , found] = await db.batch([
    db.execute(sql`insert into ${outbox} (id, tenant_id, idempotency_key, to_address, subject, html, text)
      select ${newId()}::uuid, ${draft.tenantId}::uuid, ${draft.idempotencyKey}, ${draft.to}, ${draft.subject}, ${draft.html}, ${draft.text}
      where ${stillWanted}
      on conflict (idempotency_key) do nothing`),
    db
      .update(tasks)
      .set({ reminderSentAt: sql`now()` })
      .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, taskId), eq(tasks.remindAt, remindAt), isNull(tasks.reminderSentAt), isNull(tasks.completedAt), isNull(tasks.archivedAt))),
    db.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, draft.idempotencyKey)),
  ])
  return found[0]?.id ?? null
}
