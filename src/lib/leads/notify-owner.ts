import type { Db } from '../../db/client'
import type { Env } from '../../env'

// Emails a lead's owner that a new lead is theirs, through the outbox and the queue (so it is
// retried and shows in the Email log). Skipped when the owner is the person who created it.
// (Contract; the implementation is being written.)
export async function notifyLeadOwner(_env: Pick<Env, 'JOBS' | 'APP_URL'>, _db: Db, _tenantId: string, _lead: { leadId: string; ownerId: string; actorUserId: string | null }): Promise<void> {
  throw new Error('notifyLeadOwner is not built yet')
}
