import type * as z from 'zod'
import type { DigestMessage } from './messages'

// The local time from which a member's digest for the day is due. The cron sends it on its first
// tick at or after this time in the member's zone, or on the first tick after an outage that day.
export const DIGEST_LOCAL_TIME = '07:00'

// As for reminders (see REMINDER_LEASE_MS): longer than a message's whole life on the queue, so a
// member is claimed again only when the first message is gone. Exactly-once rests on the outbox
// key and digest_sent_on, not on the lease.
export const DIGEST_LEASE_MS = 15 * 60_000

// Memberships claimed per statement; a run loops until a batch comes back short.
export const DIGEST_CLAIM_BATCH = 500

// Each section of the email lists this many tasks; the rest are a link to My work away.
export const DIGEST_SECTION_LIMIT = 25

// One member's digest for one local day (YYYY-MM-DD): also the email's outbox key.
export const digestKey = (tenantId: string, userId: string, localDate: string): string => `digest:${tenantId}:${userId}:${localDate}`

export type Digest = z.infer<typeof DigestMessage>

export function digestMessage(claim: { tenantId: string; userId: string; localDate: string }): Digest {
  return { type: 'digest', key: digestKey(claim.tenantId, claim.userId, claim.localDate), ...claim }
}
