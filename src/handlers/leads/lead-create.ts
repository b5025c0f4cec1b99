import type { Context } from 'hono'
import { captureLead, type CaptureResult } from '../../db/queries/lead-capture'
import type { LeadInput } from '../../domain/leads/schemas'
import { viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { enqueueScore } from '../../lib/jobs/enqueue-score'
import { rethrowUnknownOwner } from '../records/owner-errors'

// UI and API creates go through lead capture, like form submissions: a person we already have
// (the same email or phone on a lead or a contact) gets the new details in their empty fields
// instead of a second record. The owner is the one chosen, or the creator.
export async function createLeadFromInput(c: Context<AuthedEnv>, input: LeadInput): Promise<CaptureResult> {
  const { tags, ownerId, status, ...values } = input
  const result = await captureLead(c.var.db, c.var.tenantId, {
    values,
    status,
    ownerId: ownerId === undefined ? c.var.userId : ownerId,
    tags: tags ?? [],
    actorUserId: c.var.userId,
    viewer: viewerOf(c.var.auth),
  }).catch(rethrowUnknownOwner)
  // A lead that was added to has new inputs too.
  if (result.leadId) await enqueueScore(c.env, c.var.tenantId, [result.leadId])
  return result
}

// Where the form goes next: the new lead, or the record that already had this person, with a note
// (a fixed message chosen by key, see flash-messages.ts) saying what happened.
export function createdPath(r: CaptureResult): string {
  if (r.outcome !== 'attached') return `/leads/${r.leadId}`
  return r.leadId ? `/leads/${r.leadId}?flash=lead-exists-${r.matchedBy}` : `/contacts/${r.contactId}?flash=contact-exists-${r.matchedBy}`
}
