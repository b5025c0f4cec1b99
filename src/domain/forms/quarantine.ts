import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import type { FormField } from './fields'
import type { SpamReason } from './submissions'

export const QUARANTINE_PAGE_SIZE = 50
// Release and Delete take at most this many submissions in one request. Releasing one is up to
// ~5 subrequests (capture, routing, the duplicate check, scoring, the owner's email), and a
// Worker request may make 1,000: 100 keeps a full release well inside that.
export const MAX_QUARANTINE_IDS = 100

// The quarantine list's filter and paging, shared by /forms/quarantine and GET /api/v1/quarantine.
export const QuarantineQuery = z
  .object({
    formId: z.uuid('Choose a form from the list.').optional(),
    cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(QUARANTINE_PAGE_SIZE),
  })
  .strict()
export type QuarantineQuery = z.infer<typeof QuarantineQuery>

// The submissions Release or Delete acts on (the page's checkboxes post one "ids" each).
export const QuarantineIds = z
  .object({ ids: z.array(z.uuid('Not a submission id.')).min(1, 'Select at least one submission.').max(MAX_QUARANTINE_IDS, `Select at most ${MAX_QUARANTINE_IDS} at a time.`) })
  .strict()

export const SPAM_REASON_LABELS: Record<SpamReason, string> = {
  honeypot: 'Filled the hidden field',
  too_fast: 'Sent too fast',
  bad_timestamp: 'Forged or expired form',
  no_timestamp: 'No form timestamp',
  turnstile_failed: 'Failed Turnstile',
  junk_name: 'Link or HTML in a name',
  invalid_email: 'Invalid email',
  no_origin: 'No origin',
}

// A stored reason in words; one this version does not know is shown as stored.
export const spamReasonLabel = (r: string): string => SPAM_REASON_LABELS[r as SpamReason] ?? r

// Who a submission says it is, read through the form's field mapping, for the list.
export function submitterOf(fields: readonly FormField[], payload: Record<string, unknown>): { name: string | null; email: string | null } {
  const valueOf = (maps: string) =>
    fields
      .filter((f) => f.maps === maps)
      .map((f) => payload[f.name])
      .find((v): v is string => typeof v === 'string' && v.trim() !== '')
      ?.trim() ?? null
  const name = [valueOf('firstName'), valueOf('lastName')].filter(Boolean).join(' ') || valueOf('companyName')
  return { name, email: valueOf('email') }
}
