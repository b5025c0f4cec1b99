// Trigger: the digest cron ("*/15 * * * *") enqueues one per claimed member. Idempotency key: "digest:<tenantId>:<userId>:<localDate>", also the email's outbox key.
import { createDb } from '../../db/client'
import { loadDigest, markDigestHandled, type DigestTask, type LoadedDigest } from '../../db/queries/digest'
import { writeDigestEmail } from '../../db/queries/digest-outbox'
import type { Digest } from '../../domain/jobs/digest'
import { RELATED_LABELS, relatedPath, relatedRefOf } from '../../domain/related/related'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { dailyDigestEmail } from '../../views/email/daily-digest'

// Writes the member's digest for one local day to the outbox (once per key) and enqueues its
// delivery, or, on a day with nothing due, only marks the day handled. As with reminders, the
// delivery is enqueued again when an earlier attempt already wrote the row: that attempt may
// have died before enqueueing, and the send-email job skips a row that is already sent.
export async function runDigest(env: Env, msg: Digest): Promise<void> {
  const db = createDb(env)
  const digest = await loadDigest(db, msg.tenantId, msg.userId, msg.localDate, msg.key)
  if (digest?.member.writtenOutboxId) {
    await env.JOBS.send({ type: 'send-email', key: msg.key, outboxId: digest.member.writtenOutboxId })
    return
  }
  const skip = skipReason(digest, msg.localDate)
  if (skip || !digest) {
    logger.info('digest.skipped', { tenantId: msg.tenantId, userId: msg.userId, key: msg.key, reason: skip })
    return
  }
  // An empty digest is not sent; marking the day stops the cron from claiming the member again.
  if (!digest.overdue.length && !digest.today.length) {
    await markDigestHandled(db, msg.tenantId, msg.userId, msg.localDate)
    return
  }
  const email = digestEmail(env, digest, msg.localDate)
  const outboxId = await writeDigestEmail(db, msg.tenantId, msg.userId, msg.localDate, { tenantId: msg.tenantId, idempotencyKey: msg.key, to: digest.member.email, ...email })
  if (!outboxId) {
    logger.info('digest.skipped', { tenantId: msg.tenantId, userId: msg.userId, key: msg.key, reason: 'member changed while sending' })
    return
  }
  await env.JOBS.send({ type: 'send-email', key: msg.key, outboxId })
}

// Why a claimed digest is no longer to be sent, or null when it is.
function skipReason(digest: LoadedDigest | null, localDate: string): string | null {
  if (!digest) return 'no such member'
  const { member } = digest
  if (member.deactivatedAt) return 'member deactivated'
  if (!member.digestEnabled) return 'digest turned off'
  if (member.sentOn && member.sentOn >= localDate) return 'day already handled'
  return null
}

function digestEmail(env: Pick<Env, 'APP_URL'>, { member, overdue, today }: LoadedDigest, localDate: string) {
  const url = (path: string) => new URL(path, env.APP_URL).toString()
  const section = (rows: DigestTask[]) => ({ total: rows[0]?.total ?? 0, tasks: rows.flatMap((t) => (t.dueAt ? [emailTask(t, t.dueAt, url)] : [])) })
  return dailyDigestEmail({
    name: member.name,
    workspaceName: member.workspaceName,
    zone: member.zone,
    localDate,
    overdue: section(overdue),
    today: section(today),
    myWorkUrl: url('/my-work'),
    settingsUrl: url('/settings/account'),
  })
}

function emailTask(task: DigestTask, dueAt: Date, url: (path: string) => string) {
  const ref = relatedRefOf(task)
  return { title: task.title, dueAt, url: url(`/tasks/${task.id}`), related: ref ? { label: RELATED_LABELS[ref.type], name: task.relatedName ?? '', url: url(relatedPath(ref)) } : null }
}
