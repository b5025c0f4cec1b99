import { jsx } from '../jsx'
import type { EmailStatus } from '../../domain/mail/email-log'

// Reuses the status colours of app.css: sent reads as ok, failed as down, queued stays neutral.
const STATUS_STATE: Record<EmailStatus, string | undefined> = { sent: 'ok', failed: 'down', queued: undefined }

// An outbox row's status, in the dev mailbox and the Email log alike.
export function MailStatus({ status }: { status: EmailStatus }) {
  return <span data-state={STATUS_STATE[status]}>{status}</span>
}
