import { newId } from '../ids'
import { logger } from '../log'
import type { MailProvider } from './mailer'

// "Delivers" by writing one structured log line. The body stays out of the log: it can hold a
// password-reset link, and the outbox row (shown at /dev/mail) already keeps all of it.
export const logProvider: MailProvider = {
  name: 'log',
  async send(msg) {
    const providerMessageId = `log-${newId()}`
    logger.info('mail.sent', { provider: 'log', providerMessageId, idempotencyKey: msg.idempotencyKey, to: msg.to, from: msg.from, subject: msg.subject })
    return { providerMessageId }
  },
}
