import type { CountryCode } from 'libphonenumber-js/min'
import type * as z from 'zod'
import { AccountPatch, accountValues } from '../accounts/schemas'
import { contactValues, ContactPatch, nameIssue } from '../contacts/schemas'
import { identityIssue, LeadPatch, leadValues } from '../leads/schemas'
import { OpportunityPatch } from '../opportunities/schemas'
import { customField } from '../records/fields'
import { normaliseDomain, normaliseEmail } from '../records/normalise'
import { AppError } from '../../lib/errors'
import { CUSTOM_PREFIX, IMPORT_FIELDS } from './fields'
import { spreadsheetRow, type ImportEntity, type MatchKey } from './vocab'

// One CSV record → the values a chunk writes, validated and normalised by the records' own schemas
// and value builders (as the forms and the API are). A blank cell is "no value": it is left out, so
// it never clears a field of a record the row updates.

export type RowPlan = { entity: ImportEntity; headers: string[]; mapping: Record<string, string>; matchKey: MatchKey | null; country: CountryCode }

// Links are by value and resolved in SQL: owner by member email, account by domain or name,
// contact by email, stage by name.
export type RowLinks = { ownerEmail: string | null; accountName: string | null; accountDomain: string | null; contactEmail: string | null; stage: string | null }

export type PreparedRow = {
  row: number
  // Column values by field key (camelCase, as the value builders name them), given ones only.
  columns: Record<string, string | null>
  custom: Record<string, string>
  links: RowLinks
  externalId: string | null
  // The normalised match key, or null when the row has none (it cannot match a record).
  matchValue: string | null
  // Why the row could not make a new record (no name): it may only update one it matches, and
  // is rejected with its values otherwise.
  missing: string | null
  // The fields as read, for that error row.
  values: string[]
}

export type RejectedRow = { row: number; reason: string; values: string[] }

const LINK_FIELDS = ['ownerEmail', 'accountName', 'contactEmail', 'stage', 'externalId']
// Built once: a zod schema compiles itself on first use.
const CUSTOM = customField()
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

// The columns a mapping writes: the mapped fields, and what the value builders derive from them
// (normalised email and phone, an account's domain from its website, a lead's company domain).
export function writtenColumns(entity: ImportEntity, mapping: Record<string, string>): string[] {
  const mapped = new Set(Object.values(mapping))
  const direct = IMPORT_FIELDS[entity].map((f) => f.key).filter((k) => mapped.has(k) && !LINK_FIELDS.includes(k) && k !== 'email' && k !== 'phone')
  const derived = [
    ...(mapped.has('email') ? ['email', 'emailNormalized'] : []),
    ...(mapped.has('phone') ? ['phone', 'phoneE164', 'phoneDigits'] : []),
    ...(entity === 'accounts' && mapped.has('website') && !mapped.has('domain') ? ['domain'] : []),
    ...(entity === 'leads' && (mapped.has('website') || mapped.has('email')) ? ['companyDomain'] : []),
  ]
  // A name cannot be null: it is written (kept, on an update) even when unmapped.
  const name = (entity === 'accounts' || entity === 'opportunities') && !mapped.has('name') ? ['name'] : []
  return [...name, ...direct, ...derived]
}

type Issue = { path: string; message: string }

export function prepareRow(plan: RowPlan, index: number, fields: string[]): PreparedRow | RejectedRow {
  const row = spreadsheetRow(index)
  const reject = (reason: string): RejectedRow => ({ row, reason, values: fields })
  if (fields.length !== plan.headers.length) return reject(`Row has ${fields.length} fields; the header has ${plan.headers.length}.`)
  const given: Record<string, string> = {}
  const custom: Record<string, string> = {}
  plan.headers.forEach((header, i) => {
    const key = plan.mapping[header]
    const value = fields[i]?.trim() ?? ''
    if (!key || value === '') return
    if (key.startsWith(CUSTOM_PREFIX)) custom[key.slice(CUSTOM_PREFIX.length)] = value
    else given[key] = value
  })
  const { ownerEmail, accountName, contactEmail, stage, externalId, ...input } = given
  const built = buildColumns(plan, input)
  const customIssues = issuesOf(CUSTOM.safeParse(custom), 'custom')
  if ('issues' in built || customIssues.length) return reject([...('issues' in built ? built.issues : []), ...customIssues].map((i) => describe(plan, i)).join(' '))
  const { columns } = built
  return {
    row,
    columns,
    custom,
    links: {
      ownerEmail: ownerEmail ? normaliseEmail(ownerEmail) : null,
      accountName: accountName ?? null,
      accountDomain: accountName ? normaliseDomain(accountName) : null,
      contactEmail: contactEmail ? normaliseEmail(contactEmail) : null,
      stage: stage ?? null,
    },
    externalId: externalId ?? null,
    matchValue: matchValueOf(plan.matchKey, columns, externalId),
    missing: missingOf(plan.entity, columns),
    values: fields,
  }
}

// The match keys' normalised columns (an account's domain may come from its website).
const MATCH_COLUMN = { email: 'emailNormalized', phone: 'phoneE164', domain: 'domain' } as const

const matchValueOf = (key: MatchKey | null, columns: Record<string, string | null>, externalId: string | undefined): string | null => {
  if (key === null) return null
  return (key === 'external_id' ? externalId : columns[MATCH_COLUMN[key]]) ?? null
}

// The records' own rules for a new record: accounts and deals need a name, a contact a first or
// last name, a lead something to get back to (a name, an email or a company).
function missingOf(entity: ImportEntity, c: Record<string, string | null>): string | null {
  if (entity === 'contacts') return nameIssue(c.firstName, c.lastName)?.message ?? null
  if (entity === 'leads') return identityIssue(c)?.message ?? null
  return c.name ? null : 'Name is required.'
}

type Built = { columns: Record<string, string | null> } | { issues: Issue[] }

function buildColumns(plan: RowPlan, input: Record<string, string>): Built {
  // The schemas' enums are lower case; a spreadsheet says "Customer".
  if (input.status) input.status = input.status.toLowerCase()
  // A website typed without its scheme ("acme.com") is what spreadsheets hold.
  if (input.website && !SCHEME.test(input.website) && normaliseDomain(input.website)) input.website = `https://${input.website}`
  try {
    switch (plan.entity) {
      case 'accounts':
        return parsed(AccountPatch.safeParse(input), (v) => accountValues(v))
      case 'contacts':
        return parsed(ContactPatch.safeParse(input), (v) => contactValues(v, plan.country))
      case 'leads':
        // The schema's own message points at the API's convert endpoint; an import cannot convert.
        if (input.status === 'converted') return { issues: [{ path: 'status', message: 'A lead cannot be imported as converted; use new, contacted, qualified or unqualified.' }] }
        return parsed(LeadPatch.safeParse(input), (v) => leadValues(v, plan.country))
      case 'opportunities':
        return parsed(OpportunityPatch.safeParse(input), (v) => v)
    }
  } catch (err) {
    // The value builders report an unreadable phone number this way.
    if (err instanceof AppError && err.fieldErrors.length) return { issues: err.fieldErrors }
    throw err
  }
}

function parsed<T extends object>(result: z.ZodSafeParseResult<T>, values: (v: T) => object): Built {
  if (!result.success) return { issues: issuesOf(result, '') }
  const columns = Object.fromEntries(Object.entries(values(result.data)).filter(([, v]) => v !== undefined)) as Record<string, string | null>
  return { columns }
}

const issuesOf = (result: z.ZodSafeParseResult<unknown>, prefix: string): Issue[] =>
  result.success ? [] : result.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }))

// "Work email: Enter an email address like name@example.com." The column as the file names it.
function describe(plan: RowPlan, issue: Issue): string {
  const key = issue.path.startsWith('custom.') ? issue.path : issue.path.split('.')[0]
  const header = plan.headers.find((h) => plan.mapping[h] === key)
  return header ? `${header}: ${issue.message}` : issue.message
}

// Within a chunk, a later row with the same match value as an earlier one is a duplicate; for leads
// so is one with the email or phone of an earlier row, which the unique indexes would refuse. A row
// that may yet be rejected for want of a name does not hold its match value against later rows
// (whether it updates a record is decided in SQL, where a second row for one record is skipped).
export function dedupeRows(entity: ImportEntity, rows: PreparedRow[]): PreparedRow[] {
  const seen = new Set<string>()
  return rows.filter((r) => {
    const match = r.matchValue === null ? [] : [`m:${r.matchValue}`]
    const unique = entity === 'leads' ? [r.columns.emailNormalized && `e:${r.columns.emailNormalized}`, r.columns.phoneE164 && `p:${r.columns.phoneE164}`].filter((k): k is string => !!k) : []
    if ([...match, ...unique].some((k) => seen.has(k))) return false
    for (const k of r.missing ? unique : [...match, ...unique]) seen.add(k)
    return true
  })
}
