import { eq, sql } from 'drizzle-orm'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { memberships, outbox } from '../schema'
import { markDigestHandled } from './digest'
import type { EmailDraft } from './outbox'

// The digest's email and the member's "handled" mark for the day, in one batch (one transaction),
// like writeReminderEmail:
// - the outbox row is inserted only while the member still wants it (active, opted in, day not
//   yet handled), and only once per key: a redelivered or overlapping message writes nothing;
// - digest_sent_on moves forward to the day;
// - the last statement reads the id of whichever row holds the key, so the caller can (re-)enqueue
//   its delivery. Null when no row holds it: the member opted out, left, or the day was handled.
export async function writeDigestEmail(db: Db, tenantId: string, userId: string, localDate: string, draft: EmailDraft): Promise<string | null> {
  const stillWanted = sql`exists (select 1 from ${memberships} m where m.tenant_id = ${tenantId} and m.user_id = ${userId}
    and m.digest_enabled and m.deactivated_at is null and (m.digest_sent_on is null or m.digest_sent_on < ${localDate}::date))`
  const [, , found] = await db.batch([
    db.execute(sql`insert into ${outbox} (id, tenant_id, idempotency_key, to_address, subject, html, text)
      select ${newId()}::uuid, ${tenantId}::uuid, ${draft.idempotencyKey}, ${draft.to}, ${draft.subject}, ${draft.html}, ${draft.text}
      where ${stillWanted}
      on conflict (idempotency_key) do nothing`),
    markDigestHandled(db, tenantId, userId, localDate),
    db.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, draft.idempotencyKey)),
  ])
  return found[0]?.id ?? null
}
