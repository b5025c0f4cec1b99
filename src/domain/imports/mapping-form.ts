import type { ImportRow } from '../../db/queries/imports'
import type { FieldError } from '../../lib/errors'
import { CUSTOM_PREFIX, ENTITY_MATCH_KEYS, MATCH_KEY_FIELD } from './fields'

// The mapping step's form, between what it posts and the run options parseRunOptions reads. Each
// column's select is named by its position (`column.<i>`), not by its header: a header is any
// text, and ids built from it (spaces, quotes) would break the labels and aria wiring. "" means
// "Don't import" for a column; NO_MATCH_KEY means "match nothing, always create".
export type MappingValues = { columns: string[]; matchKey: string; mode: string }

export const columnName = (i: number) => `column.${i}`
export const NO_MATCH_KEY = 'none'

// The custom field a column goes to: its header as a key (letters, digits, underscores).
export function customFieldKey(header: string): string {
  const slug = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return CUSTOM_PREFIX + (/^[a-z]/.test(slug) ? slug : `field_${slug}`).replace(/_$/, '').slice(0, 63)
}

// The form as the import last ran (or was auto-mapped). Before any run the match key is the
// entity's first whose column is mapped (parseRunOptions' default), else none.
export function mappingValuesOf(row: Pick<ImportRow, 'entity' | 'headers' | 'mapping' | 'matchKey' | 'mode' | 'status'>): MappingValues {
  const columns = row.headers.map((h) => row.mapping[h] ?? '')
  const mapped = new Set(columns)
  const matchKey = row.matchKey ?? (row.status === 'mapping' ? ENTITY_MATCH_KEYS[row.entity].find((k) => mapped.has(MATCH_KEY_FIELD[k])) : undefined) ?? NO_MATCH_KEY
  return { columns, matchKey, mode: row.mode }
}

export function mappingValuesFromForm(form: Record<string, string>, headers: string[]): MappingValues {
  return { columns: headers.map((_, i) => form[columnName(i)] ?? ''), matchKey: form.matchKey ?? '', mode: form.mode ?? '' }
}

// What parseRunOptions reads, as the API sends it: no match key is null, as opposed to leaving it
// out for the default.
export function runOptionsInput(headers: string[], values: MappingValues, dryRun: boolean) {
  const mapping: Record<string, string> = {}
  headers.forEach((h, i) => {
    if (values.columns[i]) mapping[h] = values.columns[i]
  })
  return { mapping, matchKey: values.matchKey === NO_MATCH_KEY ? null : values.matchKey, mode: values.mode, dryRun }
}

// parseRunOptions names a column by its header (`mapping.<header>`); the form names it by position.
export function mappingFormErrors(errors: FieldError[], headers: string[]): FieldError[] {
  return errors.map((e) => {
    const i = headers.findIndex((h) => e.path === `mapping.${h}`)
    return i < 0 ? e : { ...e, path: columnName(i) }
  })
}
