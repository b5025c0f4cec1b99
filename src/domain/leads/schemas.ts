import * as z from 'zod'
import type { CountryCode } from 'libphonenumber-js/min'
import { AppError, type FieldError } from '../../lib/errors'
import { contactValues } from '../contacts/schemas'
import { customField, hasText, optionalChoice, optionalCountry, optionalEmail, optionalId, optionalText, optionalUrl, recordJsonShape, tagsField, withRule } from '../records/fields'
import { listQuery } from '../records/list-query'
import { ACCOUNT_SIZES, LEAD_STATUSES } from '../records/vocab'
import { companyDomainOf } from './company-domain'

// A lead becomes "converted" only through conversion, which also creates what it became; setting
// the status by hand would leave a converted lead that links to nothing.
export const SETTABLE_LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified'] as const

const statusField = () =>
  z
    .enum(LEAD_STATUSES, 'Choose new, contacted, qualified or unqualified.')
    .refine((s) => s !== 'converted', 'A lead is marked converted by converting it (POST /api/v1/leads/{id}/convert), not by setting its status.')
    .optional()

// One schema for the lead form and the JSON API. `.strict()` makes unknown keys a 422 that names
// them, and that includes `score`, which only the scoring job writes. Phone format depends on the
// workspace's default country, so it is checked when the values are built (leadValues).
const LeadObject = z
  .object({
    firstName: optionalText(100),
    lastName: optionalText(100),
    email: optionalEmail(),
    phone: optionalText(50),
    title: optionalText(200),
    companyName: optionalText(200),
    website: optionalUrl(),
    industry: optionalText(100),
    companySize: optionalChoice(ACCOUNT_SIZES, 'Choose a company size from the list.'),
    country: optionalCountry(),
    source: optionalText(100),
    utmSource: optionalText(200),
    utmMedium: optionalText(200),
    utmCampaign: optionalText(200),
    utmTerm: optionalText(200),
    utmContent: optionalText(200),
    status: statusField(),
    ownerId: optionalId('owner'),
    tags: tagsField(),
    custom: customField(),
  })
  .strict()


// A lead must be someone or some company we could get back to. Reported on firstName, the first
// input of the form.
export function identityIssue(v: { firstName?: unknown; lastName?: unknown; email?: unknown; companyName?: unknown }): FieldError | null {
  return [v.firstName, v.lastName, v.email, v.companyName].some(hasText) ? null : { path: 'firstName', message: 'Enter a name, an email address or a company.' }
}

export const LeadInput = withRule(LeadObject, (v) => identityIssue(v) === null, 'firstName', 'Enter a name, an email address or a company.')
export type LeadInput = z.infer<typeof LeadInput>

// A PATCH names only what changes; the identity rule is checked on the merged lead.
export const LeadPatch = LeadObject.partial().strict()
export type LeadPatch = z.infer<typeof LeadPatch>

export const LEAD_FIELD_LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  title: 'Title',
  companyName: 'Company',
  website: 'Website',
  industry: 'Industry',
  companySize: 'Company size',
  country: 'Country',
  source: 'Source',
  utmSource: 'UTM source',
  utmMedium: 'UTM medium',
  utmCampaign: 'UTM campaign',
  utmTerm: 'UTM term',
  utmContent: 'UTM content',
  status: 'Status',
  ownerId: 'Owner',
  custom: 'Custom fields',
  tags: 'Tags',
} as const
// The fields whose changes the timeline records; derived columns (normalised email and phone,
// company domain) follow from these and are not diffed separately.
export const LEAD_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'companyName', 'website', 'industry', 'companySize', 'country', 'source', 'utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent', 'status', 'ownerId', 'custom'] as const

export type LeadValues = Omit<LeadPatch, 'tags'> & { emailNormalized?: string | null; phoneE164?: string | null; phoneDigits?: string | null; companyDomain?: string | null }

type Stored = { website: string | null; email: string | null }

// Input → column values. Email and phone are normalised as for contacts (an unreadable phone is a
// 422 on the field). The company domain follows the website or the email, so a patch of either
// recomputes it from the merged lead.
export function leadValues(input: LeadPatch, country: CountryCode, before: Stored | null = null): LeadValues {
  const { tags: _tags, email, phone, ...rest } = input
  // Only the keys the input has are passed on, so a patch that does not touch email or phone
  // leaves them (and their normalised columns) out of the update and the diff. (No status is
  // passed either; dropping it only narrows ContactValues' type to what a lead shares.)
  const { status: _none, ...person } = contactValues({ ...(email !== undefined && { email }), ...(phone !== undefined && { phone }) }, country)
  const out: LeadValues = { ...rest, ...person }
  if (input.website !== undefined || email !== undefined) {
    out.companyDomain = companyDomainOf(input.website === undefined ? before?.website : input.website, email === undefined ? before?.email : email)
  }
  return out
}

// Reports the identity rule for a patch applied to a stored lead.
export function assertIdentity(merged: Parameters<typeof identityIssue>[0]): void {
  const issue = identityIssue(merged)
  if (issue) throw new AppError('VALIDATION', 'Some fields need attention.', [issue])
}

export const LEAD_SORTS = ['created', 'name', 'score', 'lastContacted'] as const

// "open" is every status a rep still has to work (OPEN_LEAD_STATUSES).
export const LEAD_LIST_STATUSES = [...LEAD_STATUSES, 'open'] as const

export const LeadListQuery = listQuery(LEAD_SORTS, LEAD_LIST_STATUSES).extend({ source: z.string().trim().min(1).max(100).optional() })
export type LeadListQuery = z.infer<typeof LeadListQuery>

const ScoreLineJson = z.object({ ruleId: z.string(), name: z.string(), kind: z.enum(['fit', 'engagement']), points: z.number(), count: z.number().int().optional() })

// The lead as the API returns it.
export const LeadJson = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  phoneE164: z.string().nullable(),
  title: z.string().nullable(),
  companyName: z.string().nullable(),
  companyDomain: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  companySize: z.string().nullable(),
  country: z.string().nullable(),
  source: z.string().nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  utmTerm: z.string().nullable(),
  utmContent: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  score: z.number().int(),
  // Why the lead has its score: each rule that contributed, largest first (see ScoreLine).
  scoreBreakdown: z.array(ScoreLineJson),
  // When the scoring job read the lead's inputs for this score; null until it first ran.
  scoredAt: z.string().nullable(),
  convertedAt: z.string().nullable(),
  convertedContactId: z.string().nullable(),
  convertedAccountId: z.string().nullable(),
  convertedOpportunityId: z.string().nullable(),
  ...recordJsonShape,
})
