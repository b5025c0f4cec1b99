import * as z from 'zod'
import type { CountryCode } from 'libphonenumber-js/min'
import { AppError, type FieldError } from '../../lib/errors'
import { customField, hasText, optionalEmail, optionalId, optionalText, recordJsonShape, tagsField, withRule } from '../records/fields'
import { listQuery } from '../records/list-query'
import { normaliseEmail, normalisePhone } from '../records/normalise'
import { CONTACT_STATUSES } from '../records/vocab'

// One schema for the contact form and the JSON API. `.strict()` makes unknown keys a 422 that
// names them. Phone format depends on the workspace's default country, so it is checked when the
// values are built (contactValues), not here.
const ContactObject = z
  .object({
    firstName: optionalText(100),
    lastName: optionalText(100),
    email: optionalEmail(),
    phone: optionalText(50),
    title: optionalText(200),
    accountId: optionalId('account'),
    status: z.enum(CONTACT_STATUSES, 'Choose subscriber, prospect, customer or churned.').optional(),
    ownerId: optionalId('owner'),
    tags: tagsField(),
    custom: customField(),
  })
  .strict()


// A person needs some name. Reported on firstName, the first input of the form.
export function nameIssue(firstName: unknown, lastName: unknown): FieldError | null {
  return hasText(firstName) || hasText(lastName) ? null : { path: 'firstName', message: 'Enter a first or last name.' }
}

export const ContactInput = withRule(ContactObject, (v) => nameIssue(v.firstName, v.lastName) === null, 'firstName', 'Enter a first or last name.')
export type ContactInput = z.infer<typeof ContactInput>

// A PATCH names only what changes; the name rule is checked on the merged contact (the other
// half of the name may come from the stored row).
export const ContactPatch = ContactObject.partial().strict()
export type ContactPatch = z.infer<typeof ContactPatch>

// The fields whose changes the timeline records, with the labels it shows.
export const CONTACT_FIELD_LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  title: 'Title',
  accountId: 'Account',
  status: 'Status',
  ownerId: 'Owner',
  custom: 'Custom fields',
  tags: 'Tags',
} as const
export const CONTACT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'accountId', 'status', 'ownerId', 'custom'] as const

export type ContactValues = Omit<ContactPatch, 'tags'> & { emailNormalized?: string | null; phoneE164?: string | null; phoneDigits?: string | null }

const INVALID_PHONE: FieldError = { path: 'phone', message: 'Enter a phone number with its country code, like +1 415 555 0100.' }

// Input → column values. Email and phone stay as typed, and their normalised forms (what search
// and dedupe match on) go in their own columns. A phone without a country code is read in the
// workspace's default country; one that does not parse there is a 422 on the field.
export function contactValues(input: ContactPatch, country: CountryCode): ContactValues {
  const { tags: _tags, ...values } = input
  const out: ContactValues = { ...values }
  if (input.email !== undefined) out.emailNormalized = input.email === null ? null : normaliseEmail(input.email)
  if (input.phone !== undefined) {
    const phone = input.phone === null ? null : normalisePhone(input.phone, country)
    if (input.phone !== null && !phone) throw new AppError('VALIDATION', 'Some fields need attention.', [INVALID_PHONE])
    out.phoneE164 = phone?.e164 ?? null
    out.phoneDigits = phone?.digits ?? null
  }
  return out
}

// Whether a stored country code can read phone numbers (tenants.default_country is free text).
export const countryOf = (code: string | undefined): CountryCode => (code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : 'US')

export const CONTACT_SORTS = ['created', 'name', 'lastContacted', 'status'] as const

// The shared list filters plus the contacts of one account.
export const ContactListQuery = listQuery(CONTACT_SORTS, CONTACT_STATUSES).extend({ accountId: z.uuid('Choose a valid account.').optional() })
export type ContactListQuery = z.infer<typeof ContactListQuery>

// The contact as the API returns it.
export const ContactJson = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  phoneE164: z.string().nullable(),
  title: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  status: z.enum(CONTACT_STATUSES),
  ...recordJsonShape,
})
