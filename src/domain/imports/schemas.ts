import * as z from 'zod'
import type { ImportRow, RunOptions } from '../../db/queries/imports'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import { parseOrThrow } from '../../lib/validation'
import { CUSTOM_PREFIX, ENTITY_MATCH_KEYS, IMPORT_FIELDS, isImportField, MATCH_KEY_FIELD, REQUIRED_FIELDS } from './fields'
import { IMPORT_MODES, MATCH_KEYS, type ImportEntity } from './vocab'

// The run options as the mapping form and the API send them, checked against the import's
// entity and headers: one schema for both. Errors sit where the form shows them: on
// `mapping.<header>` (a column the file lacks, an unknown field, a field mapped twice), on
// `matchKey` (not offered for the entity, or its column not mapped), on `mode`, and on `mapping`
// for a required field no column maps to.

// A form sends "" for "don't import this column" and for the defaults; checkboxes send "on" or
// nothing, a multipart API call "true" or "false".
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)
// The match key: left out (or "") means the first one the mapping offers; null (or "none", which a
// multipart API call can send) means none: every row creates a record.
const matchKeyInput = (v: unknown) => (v === '' ? undefined : v === 'none' ? null : v)
const Flag = z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0'])]).transform((v) => v === true || v === 'true' || v === 'on' || v === '1')

const RunOptionsInput = z.strictObject({
  mapping: z.record(z.string(), z.string().max(100)),
  matchKey: z.preprocess(matchKeyInput, z.enum(MATCH_KEYS).nullable().optional()),
  mode: z.preprocess(blankToUndefined, z.enum(IMPORT_MODES).default('upsert')),
  dryRun: z.preprocess(blankToUndefined, Flag.default(false)),
})

const labelOf = (entity: ImportEntity, key: string) => (key.startsWith(CUSTOM_PREFIX) ? key : (IMPORT_FIELDS[entity].find((f) => f.key === key)?.label ?? key))

function runOptionsSchema(row: Pick<ImportRow, 'entity' | 'headers'>) {
  const { entity, headers } = row
  return RunOptionsInput.transform((input, ctx): RunOptions => {
    const mapping: Record<string, string> = {}
    const mappedFrom = new Map<string, string>()
    for (const [header, field] of Object.entries(input.mapping)) {
      if (field === '') continue
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['mapping', header], message })
      if (!headers.includes(header)) issue(`The file has no column "${header}".`)
      else if (!isImportField(entity, field)) issue(`"${field}" is not a field of ${entity}: choose one from the list, or custom.<key> for a custom field.`)
      else if (mappedFrom.has(field)) issue(`${labelOf(entity, field)} is already filled from the column "${mappedFrom.get(field)}": map each field once.`)
      else {
        mapping[header] = field
        mappedFrom.set(field, header)
      }
    }
    for (const field of REQUIRED_FIELDS[entity]) {
      if (!mappedFrom.has(field)) ctx.addIssue({ code: 'custom', path: ['mapping'], message: `Map a column to ${labelOf(entity, field)}: every row needs one.` })
    }
    const offered = ENTITY_MATCH_KEYS[entity]
    const mapped = offered.filter((k) => mappedFrom.has(MATCH_KEY_FIELD[k]))
    const matchKey = input.matchKey === undefined ? (mapped[0] ?? null) : input.matchKey
    if (matchKey && !offered.includes(matchKey)) {
      ctx.addIssue({ code: 'custom', path: ['matchKey'], message: `${entity} cannot be matched by ${matchKey}: choose ${offered.join(' or ')}.` })
    } else if (matchKey && !mapped.includes(matchKey)) {
      ctx.addIssue({ code: 'custom', path: ['matchKey'], message: `Map a column to ${labelOf(entity, MATCH_KEY_FIELD[matchKey])} to match records by it.` })
    } else if (!matchKey && input.mode === 'update') {
      ctx.addIssue({ code: 'custom', path: ['matchKey'], message: `Updating needs a way to find each record: map a column to ${offered.map((k) => labelOf(entity, MATCH_KEY_FIELD[k])).join(' or ')}.` })
    }
    return { mapping, matchKey, mode: input.mode, dryRun: input.dryRun }
  })
}

export const parseRunOptions = (row: Pick<ImportRow, 'entity' | 'headers'>, input: unknown): RunOptions => parseOrThrow(runOptionsSchema(row), input)

// Paging of GET /api/v1/imports.
export const ImportListQuery = z.object({ cursor: z.string().max(MAX_CURSOR_LENGTH).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict()
