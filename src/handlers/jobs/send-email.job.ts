// Trigger: sendEmail() enqueues one per outbox row. Idempotency key: the outbox row's idempotency_key.
import { createDb } from '../../db/client'
import { claimEmailForSending, markEmailFailed, markEmailRetrying, markEmailSent } from '../../db/queries/outbox'
import type { SendEmailMessage } from '../../domain/jobs/messages'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { PermanentMailError, providerFor, type MailProvider } from '../../lib/mail/mailer'
import type * as z from 'zod'

// Deliveries a message gets: the first plus wrangler.toml's max_retries (5). The row's attempts
// count every claim, manual retries from the Email log included, so past this a transient error
// already marks the row failed; the queue still retries the message it has, and a later success
// still marks it sent.
export const MAX_SEND_ATTEMPTS = 6

// Outbox status after a failed send. 'failed' means "needs a person": the provider refused the
// message for good (acked, never retried), or the transient errors used up the queue's retries
// (the message goes to the DLQ). Anything else stays 'queued' with attempts and last_error filled
// in, because the queue is still working on it.
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
  let sent: { providerMessageId: string }
  try {
    sent = await provider.send(message)
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    if (err instanceof PermanentMailError) {
      // Retrying cannot help: record it and return, so the message is acked.
      logger.warn('mail.rejected', { outboxId: row.id, key: msg.key, error })
      await markEmailFailed(db, row.id, error)
      return
    }
    await (row.attempts >= MAX_SEND_ATTEMPTS ? markEmailFailed(db, row.id, error) : markEmailRetrying(db, row.id, error))
    throw err
  }
  // If this write fails the message is retried and the row sent again; the provider drops the
  // repeat by its idempotency key.
  await markEmailSent(db, row.id, sent.providerMessageId)
}
