import type { Db } from '../../db/client'
import { leadOwnerNotice } from '../../db/queries/lead-owner-notice'
import { leadName } from '../../domain/leads/lead-name'
import type { Env } from '../../env'
import { newLeadEmail } from '../../views/email/new-lead'
import { sendEmail } from '../mail/send-email'

// Emails a lead's owner that a new lead is theirs, through the outbox and the queue (so it is
// retried and shows in the Email log). Skipped when the owner is the person who created it, when
// the lead has since gone to someone else, or when the owner is no longer an active member. The
// key names the lead and the owner, so a retried request never sends it twice.
export async function notifyLeadOwner(env: Pick<Env, 'JOBS' | 'APP_URL'>, db: Db, tenantId: string, { leadId, ownerId, actorUserId }: { leadId: string; ownerId: string; actorUserId: string | null }): Promise<void> {
  if (ownerId === actorUserId) return
  const notice = await leadOwnerNotice(db, tenantId, leadId, ownerId)
  if (!notice) return
  const { lead, owner } = notice
  const mail = newLeadEmail({
    name: owner.name,
    workspaceName: notice.workspaceName,
    leadName: leadName(lead),
    companyName: lead.companyName,
    email: lead.email,
    source: lead.source,
    formName: notice.formName,
    leadUrl: new URL(`/leads/${leadId}`, env.APP_URL).toString(),
  })
  await sendEmail(env, db, { tenantId, idempotencyKey: `new-lead:${leadId}:${ownerId}`, to: owner.email, ...mail })
}
