import { IMPORT_FIELDS } from './fields'
import HEADER_SETS from './header-sets.json'
import { IMPORT_ENTITIES, type ImportEntity } from './vocab'

// Header → field key for the headers it recognises: our own keys and labels, then the export
// headers of HubSpot, Salesforce, Pipedrive and our own export (header-sets.json), compared
// normalised ("Person - Email - Work" is "personemailwork"). Each field goes to one column, the one
// listed first where a file has several ("Phone Number" before "Mobile Phone Number");
// unrecognised headers are left out.
// The sets list a vendor's column only where its values, as the vendor exports them, are what the
// field takes: free-form statuses, employee counts and country names are left for the person to
// map. Owner columns hold the owner's name in an export but an email in an import template, so
// one maps to "ownerEmail" only when `sample` (the preview rows) shows emails in it.

export type HeaderSets = Record<string, Partial<Record<ImportEntity, Record<string, string>>>>

export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')

// Per entity: normalised header → field key and its place in the order of preference.
const TABLES = Object.fromEntries(
  IMPORT_ENTITIES.map((entity) => {
    const table = new Map<string, { key: string; rank: number }>()
    const add = (header: string, key: string) => {
      const name = normaliseHeader(header)
      if (!table.has(name)) table.set(name, { key, rank: table.size })
    }
    for (const { key, label } of IMPORT_FIELDS[entity]) {
      add(key, key)
      add(label, key)
    }
    for (const set of Object.values(HEADER_SETS as HeaderSets)) for (const [header, key] of Object.entries(set[entity] ?? {})) add(header, key)
    return [entity, table]
  }),
) as Record<ImportEntity, Map<string, { key: string; rank: number }>>

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

export function autoMap(entity: ImportEntity, headers: string[], sample: string[][] = []): Record<string, string> {
  const found = headers
    .flatMap((header, column) => {
      const name = normaliseHeader(header)
      const hit = TABLES[entity].get(name)
      return hit ? [{ header, column, name, ...hit }] : []
    })
    .sort((a, b) => a.rank - b.rank)
  const mapping: Record<string, string> = {}
  const used = new Set<string>()
  for (const { header, column, name, key } of found) {
    if (used.has(key) || (key === 'ownerEmail' && !name.includes('email') && !holdsEmails(sample, column))) continue
    mapping[header] = key
    used.add(key)
  }
  return mapping
}

function holdsEmails(sample: string[][], column: number): boolean {
  const values = sample.map((row) => row[column]?.trim()).filter((value): value is string => !!value)
  return values.length > 0 && values.every((value) => EMAIL.test(value))
}
