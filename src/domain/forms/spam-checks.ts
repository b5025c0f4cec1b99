import * as z from 'zod'
import type { FormField, FormLeadField } from './fields'
import type { SpamReason } from './submissions'

// The fields every form posts besides its own: a honeypot people never see (a bot fills every
// input it finds), the signed time the form was shown, and Turnstile's token. Form field names
// start with a letter and hold no dash, so these never collide with them.
export const HONEYPOT_FIELD = '_hp'
export const TIMESTAMP_FIELD = '_ts'
export const TURNSTILE_FIELD = 'cf-turnstile-response'
// The consent checkbox, on forms with consent text.
export const CONSENT_FIELD = '_consent'

// People's and companies' names hold neither links nor markup; spam that posts ads into them does.
// Only a scheme or "www." counts as a link: "Amazon.com" is a real company name.
const NAME_FIELDS: readonly FormLeadField[] = ['firstName', 'lastName', 'companyName']
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/|\bwww\./i
const HTML_LIKE = /<[a-z!/?]/i
const Email = z.email().max(254)

// Junk in the mapped name and email fields of a posted form.
export function junkReasons(fields: readonly FormField[], posted: Record<string, string>): SpamReason[] {
  const reasons: SpamReason[] = []
  const valuesOf = (maps: (m: string) => boolean) => fields.filter((f) => maps(f.maps)).map((f) => (posted[f.name] ?? '').trim()).filter(Boolean)
  if (valuesOf((m) => NAME_FIELDS.includes(m as FormLeadField)).some((v) => URL_LIKE.test(v) || HTML_LIKE.test(v))) reasons.push('junk_name')
  if (valuesOf((m) => m === 'email').some((v) => !Email.safeParse(v).success)) reasons.push('invalid_email')
  return reasons
}

// What the signed timestamp says: missing (a plain HTML embed cannot carry one), forged or
// expired, or how long ago the form was shown.
export type TimestampCheck = { kind: 'missing' } | { kind: 'invalid' } | { kind: 'age'; ageMs: number }

export function timestampReason(check: TimestampCheck, form: { minFillSeconds: number; acceptWithoutTimestamp: boolean }): SpamReason | null {
  if (check.kind === 'missing') return form.acceptWithoutTimestamp ? null : 'no_timestamp'
  if (check.kind === 'invalid') return 'bad_timestamp'
  return check.ageMs < form.minFillSeconds * 1000 ? 'too_fast' : null
}
