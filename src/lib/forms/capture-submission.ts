import type { Db } from '../../db/client'
import { captureLead, type CaptureRequest, type CaptureResult } from '../../db/queries/lead-capture'
import type { Env } from '../../env'
import { enqueueScore } from '../jobs/enqueue-score'
import { notifyLeadOwner } from '../leads/notify-owner'
import { logger } from '../log'

// A submission becoming a lead (a clean post, or a release from quarantine), the lead rescored (a
// form submission is an engagement signal, and a new lead's fit is unknown until scored), and the
// new lead's owner told. The email is queued after the lead is stored; if queuing fails, the lead stays and
// the failure is logged, so the sender is not asked to post again (which would only attach).
export async function captureSubmission(env: Env, db: Db, tenantId: string, req: CaptureRequest, requestId: string): Promise<CaptureResult> {
  const result = await captureLead(db, tenantId, req)
  await enqueueScore(env, tenantId, result.leadId ? [result.leadId] : [])
  if (result.outcome !== 'attached' && result.leadId && result.ownerId) {
    await notifyLeadOwner(env, db, tenantId, { leadId: result.leadId, ownerId: result.ownerId, actorUserId: req.actorUserId }).catch((err: unknown) =>
      logger.error('lead.owner_notify_failed', { requestId, leadId: result.leadId, error: String(err) }),
    )
  }
  return result
}
