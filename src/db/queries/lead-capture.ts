import type { Db } from '../client'
import type { SpamReason, SpamVerdict } from '../../domain/forms/submissions'

// Lead capture: one entry point for form submissions, quarantine releases, and UI/API creates.
// (Contract; the implementation is being written.)

// Lead values already validated and normalised from the form's mapped fields (or a LeadInput).
export type CaptureValues = {
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  phone?: string | null
  title?: string | null
  companyName?: string | null
  website?: string | null
  industry?: string | null
  companySize?: string | null
  country?: string | null
  source?: string | null
  utmSource?: string | null
  utmMedium?: string | null
  utmCampaign?: string | null
  utmTerm?: string | null
  utmContent?: string | null
  custom?: Record<string, unknown>
}

// The submission row written in the same batch as the lead (outcome and lead/contact are filled
// in by captureLead), or an existing quarantined submission being released.
export type SubmissionRecord =
  | {
      kind: 'new'
      id: string
      formId: string
      payload: Record<string, unknown>
      origin: string | null
      referrer: string | null
      utm: Record<string, string>
      consentText: string | null
      consentGiven: boolean | null
      ipHash: string | null
      verdict: SpamVerdict
      spamReasons: SpamReason[]
    }
  | { kind: 'release'; id: string; formId: string }

export type CaptureRequest = {
  values: CaptureValues
  // The form it came through: routing can test it, and the submission links to it.
  formId?: string | null
  // A fixed owner (the form's, or the one chosen in the UI/API); undefined lets routing choose.
  ownerId?: string | null
  tags?: string[]
  submission?: SubmissionRecord
  // Null for public form submissions.
  actorUserId: string | null
}

export type CaptureResult = {
  outcome: 'created' | 'attached' | 'flagged'
  leadId: string | null
  contactId: string | null
  ownerId: string | null
}

export async function captureLead(_db: Db, _tenantId: string, _req: CaptureRequest): Promise<CaptureResult> {
  throw new Error('captureLead is not built yet')
}
