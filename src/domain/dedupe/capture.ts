import type { CountryCode } from 'libphonenumber-js/min'
import { leadValues, type LeadPatch, type LeadValues } from '../leads/schemas'
import { normalisePhone } from '../records/normalise'
import { ACCOUNT_SIZES } from '../records/vocab'
import type { LeadFacts } from '../routing/match'

// What dedupe needs from values on their way into a lead: the stored columns with their match
// keys, the facts routing tests, and which fields an existing record may take from them.

export type CaptureInput = {
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

export type CaptureRow = Omit<LeadValues, 'status' | 'ownerId' | 'custom'> & { custom: Record<string, unknown> }

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

// Column values, normalised as every other lead write is (leadValues). A form has no chance to
// ask again, so `lenientPhone` keeps a number that does not parse as typed, without match keys,
// where the UI and API answer 422. A country or company size the table would refuse is dropped
// rather than failing the whole capture: the submission row keeps what was posted.
export function captureRow(input: CaptureInput, country: CountryCode, lenientPhone: boolean): CaptureRow {
  const given = Object.fromEntries(Object.entries(input).flatMap(([k, v]) => (k === 'custom' || blank(v) ? [] : [[k, typeof v === 'string' ? v.trim() : v]]))) as CaptureInput
  const code = given.country?.trim().toUpperCase()
  given.country = code && /^[A-Z]{2}$/.test(code) ? code : undefined
  if (!(ACCOUNT_SIZES as readonly string[]).includes(given.companySize ?? '')) given.companySize = undefined
  const unreadable = lenientPhone && given.phone && !normalisePhone(given.phone, country)
  const { phone, ...rest } = given
  // Checked just above: companySize is one of ACCOUNT_SIZES or left out.
  const values = leadValues({ ...rest, ...(unreadable ? {} : { phone }) } as LeadPatch, country)
  const { status: _s, ownerId: _o, custom: _c, ...columns } = values
  return { ...columns, ...(unreadable ? { phone, phoneE164: null, phoneDigits: null } : {}), companyDomain: values.companyDomain ?? null, custom: input.custom ?? {} }
}

// The lead's facts for routing rules: its fields by name, the form, and custom.<key>.
export function routingFacts(row: CaptureRow, formId: string | null | undefined): LeadFacts {
  const facts: LeadFacts = { formId: formId ?? null }
  for (const [key, value] of Object.entries(row)) if (key !== 'custom' && (typeof value === 'string' || value === null)) facts[key] = value
  for (const [key, value] of Object.entries(row.custom)) if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) facts[`custom.${key}`] = value as LeadFacts[string]
  return facts
}

// The submitted values a form_submitted event shows: what was given, as typed.
export function submittedValues(input: CaptureInput): Record<string, unknown> {
  const { custom, ...fields } = input
  const shown: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, v]) => !blank(v)))
  for (const [key, value] of Object.entries(custom ?? {})) if (!blank(value)) shown[`custom.${key}`] = value
  return shown
}

// Fields an attach may fill on the record it found, when (and only when) that record's field is
// empty. Email and phone go with their match keys as one group each.
export const LEAD_FILL_FIELDS = ['firstName', 'lastName', 'title', 'companyName', 'companyDomain', 'website', 'industry', 'companySize', 'country', 'source', 'utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent'] as const
export const CONTACT_FILL_FIELDS = ['firstName', 'lastName', 'title'] as const
export const EMAIL_GROUP = ['email', 'emailNormalized'] as const
export const PHONE_GROUP = ['phone', 'phoneE164', 'phoneDigits'] as const

// Possible duplicates (not exact matches): person names this similar (pg_trgm similarity of the
// lowercased "first last"), at the same company; or more similar still when either record has no
// company to compare.
export const SAME_COMPANY_SIMILARITY = 0.6
export const NO_COMPANY_SIMILARITY = 0.8
export const DUPLICATE_REASONS = ['similar_name_same_company', 'similar_name'] as const
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number]
