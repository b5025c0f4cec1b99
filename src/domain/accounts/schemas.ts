import * as z from 'zod'
import { customField, optionalId, optionalText, optionalUrl, requiredText, tagsField, recordJsonShape } from '../records/fields'
import { normaliseDomain } from '../records/normalise'
import { ACCOUNT_SIZES, ACCOUNT_STATUSES } from '../records/vocab'

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

// One schema for the account form and the JSON API. `.strict()` makes unknown keys a 422 that
// names them; roles that may not assign owners get the schema without ownerId (see forRole).
export const AccountInput = z
  .object({
    name: requiredText('Name'),
    domain: z.preprocess(blankToNull, z.string().trim().max(253).refine((v) => normaliseDomain(v) !== null, 'Enter a domain like acme.com.').nullable()).optional(),
    industry: optionalText(100),
    size: z.preprocess(blankToNull, z.enum(ACCOUNT_SIZES, 'Choose a company size from the list.').nullable()).optional(),
    website: optionalUrl(),
    address: optionalText(500),
    status: z.enum(ACCOUNT_STATUSES, 'Choose prospect, customer or churned.').optional(),
    ownerId: optionalId('owner'),
    tags: tagsField(),
    custom: customField(),
  })
  .strict()
export type AccountInput = z.infer<typeof AccountInput>

export const AccountPatch = AccountInput.partial().strict()
export type AccountPatch = z.infer<typeof AccountPatch>

// The fields whose changes the timeline records, with the labels it shows.
export const ACCOUNT_FIELD_LABELS = {
  name: 'Name',
  domain: 'Domain',
  industry: 'Industry',
  size: 'Size',
  website: 'Website',
  address: 'Address',
  status: 'Status',
  ownerId: 'Owner',
  custom: 'Custom fields',
  tags: 'Tags',
} as const
export const ACCOUNT_FIELDS = ['name', 'domain', 'industry', 'size', 'website', 'address', 'status', 'ownerId', 'custom'] as const

// Input → column values. The domain is stored normalised; when none is given it comes from the
// website, so accounts can be matched by domain (lead conversion, dedupe).
export function accountValues(input: AccountPatch) {
  const { tags: _tags, ...rest } = input
  const values: Record<string, unknown> = { ...rest }
  if (input.domain !== undefined) values.domain = input.domain === null ? null : normaliseDomain(input.domain)
  if (input.domain === undefined && input.website) values.domain = normaliseDomain(input.website)
  return values as Omit<AccountPatch, 'tags'>
}

export const ACCOUNT_SORTS = ['created', 'name', 'lastContacted', 'status'] as const

// The account as the API returns it.
export const AccountJson = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().nullable(),
    industry: z.string().nullable(),
    size: z.string().nullable(),
    website: z.string().nullable(),
    address: z.string().nullable(),
    status: z.enum(ACCOUNT_STATUSES),
    ...recordJsonShape,
  })
