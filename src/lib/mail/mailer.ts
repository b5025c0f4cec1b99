import { isLocalMode, type Env } from '../../env'
import { logProvider } from './log-provider'
import { resendProvider } from './resend-provider'

// One email on its way to a provider. The idempotency key goes to the provider too: if a job
// sends and then dies before recording it, the redelivered job's second send is deduplicated
// there, which is what keeps delivery exactly-once end to end.
export type MailMessage = { to: string; from: string; subject: string; html: string; text: string; idempotencyKey: string }

export type MailProvider = {
  name: string
  send(msg: MailMessage): Promise<{ providerMessageId: string }>
}

// The provider refused this message for good (a 4xx other than 409 and 429: bad address,
// unverified sender, invalid key). Retrying cannot help, so the job records it and acks the message.
export class PermanentMailError extends Error {
  override name = 'PermanentMailError'
}

// The one place that picks how mail leaves. Locally the outbox is the mailbox (/dev/mail), so the
// log provider is enough; a deployed worker with the RESEND_API_KEY secret sends through Resend.
// Without it the worker refuses to pretend: the job throws, the row stays queued and the message
// ends in the DLQ, from where it can be retried once a key is set.
export function providerFor(env: Pick<Env, 'LOCAL_MODE' | 'RESEND_API_KEY'>): MailProvider {
  if (isLocalMode(env)) return logProvider
  if (env.RESEND_API_KEY) return resendProvider(env.RESEND_API_KEY)
  throw new Error('no mail provider is configured for this environment')
}
