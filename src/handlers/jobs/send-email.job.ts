// Trigger: sendEmail() enqueues one per outbox row. Idempotency key: the outbox row's idempotency_key.
import { createDb } from '../../db/client'
import { claimEmailForSending, markEmailFailed, markEmailSent } from '../../db/queries/outbox'
import type { SendEmailMessage } from '../../domain/jobs/messages'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { providerFor, type MailProvider } from '../../lib/mail/mailer'
import type * as z from 'zod'

// The provider is a parameter so tests can hand in one that counts calls or fails on purpose.
export async function runSendEmail(env: Env, msg: z.infer<typeof SendEmailMessage>, provider: MailProvider = providerFor(env)): Promise<void> {
  const db = createDb(env)
  const row = await claimEmailForSending(db, msg.outboxId)
  if (!row) {
    // Already sent (a redelivery) or deleted with its tenant: nothing to do, so the message is acked.
    logger.info('mail.skipped', { outboxId: msg.outboxId, key: msg.key })
    return
  }
  const message = { to: row.toAddress, from: env.MAIL_FROM, subject: row.subject, html: row.html, text: row.text, idempotencyKey: row.idempotencyKey }
  const { providerMessageId } = await provider.send(message).catch(async (err: unknown) => {
    // Failed for now: record why, then rethrow so the queue retries with backoff (in the end, the DLQ).
    await markEmailFailed(db, row.id, err instanceof Error ? err.message : String(err))
    throw err
  })
  // If this write fails the message is retried and the row sent again; the provider drops the
  // repeat by its idempotency key.
  await markEmailSent(db, row.id, providerMessageId)
}
