import { isLocalMode, type Env } from '../../env'
import { logProvider } from './log-provider'

// One email on its way to a provider. The idempotency key goes to the provider too: if a job
// sends and then dies before recording it, the redelivered job's second send is deduplicated
// there, which is what keeps delivery exactly-once end to end.
export type MailMessage = { to: string; from: string; subject: string; html: string; text: string; idempotencyKey: string }

export type MailProvider = {
  name: string
  send(msg: MailMessage): Promise<{ providerMessageId: string }>
}

// The one place that picks how mail leaves. Locally the outbox is the mailbox (/dev/mail), so the
// log provider is enough. The HTTP provider (a later issue) is chosen here, from its API key
// binding. Until then a deployed worker refuses to pretend: the job throws, the row stays queued
// and the message ends in the DLQ, from where it can be retried once a provider exists.
export function providerFor(env: Pick<Env, 'LOCAL_MODE'>): MailProvider {
  if (isLocalMode(env)) return logProvider
  throw new Error('no mail provider is configured for this environment')
}
