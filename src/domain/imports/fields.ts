import type { ImportEntity, MatchKey } from './vocab'

// The fields a CSV column can be mapped to, per entity, with the labels the mapping page shows.
// Besides these, any column can go to a custom field as "custom.<key>" (see CUSTOM_PREFIX).
// Links are by value, not id: an account by its domain or exact name, an owner by the member's
// email, a stage by its name in the default pipeline.
export type ImportField = { key: string; label: string }

const PERSON: ImportField[] = [
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'title', label: 'Job title' },
]
const OWNER: ImportField = { key: 'ownerEmail', label: 'Owner (member email)' }
const EXTERNAL_ID: ImportField = { key: 'externalId', label: 'External id (id in the other system)' }

export const IMPORT_FIELDS: Record<ImportEntity, ImportField[]> = {
  accounts: [
    { key: 'name', label: 'Name' },
    { key: 'domain', label: 'Domain' },
    { key: 'industry', label: 'Industry' },
    { key: 'size', label: 'Company size' },
    { key: 'website', label: 'Website' },
    { key: 'address', label: 'Address' },
    { key: 'status', label: 'Status' },
    OWNER,
    EXTERNAL_ID,
  ],
  contacts: [...PERSON, { key: 'status', label: 'Status' }, { key: 'accountName', label: 'Account (name or domain)' }, OWNER, EXTERNAL_ID],
  leads: [
    ...PERSON,
    { key: 'companyName', label: 'Company' },
    { key: 'website', label: 'Website' },
    { key: 'industry', label: 'Industry' },
    { key: 'companySize', label: 'Company size' },
    { key: 'country', label: 'Country' },
    { key: 'source', label: 'Source' },
    { key: 'utmSource', label: 'UTM source' },
    { key: 'utmMedium', label: 'UTM medium' },
    { key: 'utmCampaign', label: 'UTM campaign' },
    { key: 'utmTerm', label: 'UTM term' },
    { key: 'utmContent', label: 'UTM content' },
    { key: 'status', label: 'Status' },
    OWNER,
    EXTERNAL_ID,
  ],
  opportunities: [
    { key: 'name', label: 'Name' },
    { key: 'amount', label: 'Amount' },
    { key: 'currency', label: 'Currency' },
    { key: 'stage', label: 'Stage (name in the default pipeline)' },
    { key: 'closeDate', label: 'Close date' },
    { key: 'accountName', label: 'Account (name or domain)' },
    { key: 'contactEmail', label: 'Contact (email)' },
    OWNER,
    EXTERNAL_ID,
  ],
}

// Fields a row cannot do without: a row lacking one is rejected (a person needs a first or last
// name, which is checked with the record's own rule).
export const REQUIRED_FIELDS: Record<ImportEntity, string[]> = { accounts: ['name'], contacts: [], leads: [], opportunities: ['name'] }

export const CUSTOM_PREFIX = 'custom.'

// The match keys each entity offers, the first being the default. A match key needs its column
// mapped (email → "email", external_id → "externalId").
export const ENTITY_MATCH_KEYS: Record<ImportEntity, MatchKey[]> = {
  accounts: ['domain', 'external_id'],
  contacts: ['email', 'phone', 'external_id'],
  leads: ['email', 'phone', 'external_id'],
  opportunities: ['external_id'],
}

export const MATCH_KEY_FIELD: Record<MatchKey, string> = { email: 'email', phone: 'phone', domain: 'domain', external_id: 'externalId' }

// A field key the mapping may name for this entity: one of its fields or a custom field.
export function isImportField(entity: ImportEntity, key: string): boolean {
  if (key.startsWith(CUSTOM_PREFIX)) return /^[a-z][a-z0-9_]{0,62}$/.test(key.slice(CUSTOM_PREFIX.length))
  return IMPORT_FIELDS[entity].some((f) => f.key === key)
}
