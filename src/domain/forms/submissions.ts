// What the spam checks concluded about a submission, and what became of it.
export const SPAM_VERDICTS = ['clean', 'spam'] as const
export type SpamVerdict = (typeof SPAM_VERDICTS)[number]

// created: a new lead; attached: added to an existing lead or contact (exact email or phone
// match); flagged: a new lead that looks like an existing one, queued for duplicate review;
// quarantined: judged spam and held; released: let out of quarantine into a lead.
export const SUBMISSION_OUTCOMES = ['created', 'attached', 'flagged', 'quarantined', 'released'] as const
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number]

// Why a submission was judged spam.
export const SPAM_REASONS = ['honeypot', 'too_fast', 'bad_timestamp', 'no_timestamp', 'turnstile_failed', 'junk_name', 'invalid_email', 'no_origin'] as const
export type SpamReason = (typeof SPAM_REASONS)[number]

// The stored payload is capped: the endpoint takes 32 KB, but a submission row need not.
export const MAX_STORED_PAYLOAD_BYTES = 8 * 1024

// What a submission row records about the post itself, whatever becomes of it (quarantine or a
// lead): written by quarantineSubmission and by captureLead.
export type SubmissionFields = {
  id: string
  formId: string
  payload: Record<string, unknown>
  origin: string | null
  referrer: string | null
  utm: Record<string, string>
  consentText: string | null
  consentGiven: boolean | null
  ipHash: string | null
  spamReasons: SpamReason[]
}
