import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import type { FieldError } from '../../lib/errors'
import { leadName } from '../leads/lead-name'
import { MAX_PAGE_SIZE, PAGE_SIZE } from '../records/list-query'
import { personName } from '../records/normalise'

// Merging two duplicates: which fields there are to choose between, and what the survivor ends
// up with. Pure, so the compare page, the form post and the API all decide the same way.

export const MERGE_ENTITIES = ['lead', 'contact'] as const
export type MergeEntity = (typeof MERGE_ENTITIES)[number]

// In the order the compare page shows them. Derived columns (normalised email and phone, company
// domain) follow from the chosen values; tags are united rather than chosen; custom fields are
// chosen key by key, as "custom.<key>".
export const MERGE_FIELDS = {
  lead: ['firstName', 'lastName', 'email', 'phone', 'title', 'companyName', 'website', 'industry', 'companySize', 'country', 'source', 'utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent', 'status', 'ownerId'],
  contact: ['firstName', 'lastName', 'email', 'phone', 'title', 'accountId', 'status', 'ownerId'],
} as const satisfies Record<MergeEntity, readonly string[]>

export const CUSTOM_PREFIX = 'custom.'

export type MergeSide = 'self' | 'other'

// POST /api/v1/{leads|contacts}/{id}/merge: the record in the path survives; `fields` says, per
// field, whose value it keeps.
export const MergeInput = z
  .object({
    otherId: z.uuid('Give the id of the record to merge into this one.'),
    fields: z.record(z.string().max(100), z.enum(['self', 'other'], "Choose 'self' or 'other'.")).optional(),
  })
  .strict()
export type MergeInput = z.infer<typeof MergeInput>

// A record as a merge sees it: its fields by name, and its custom values.
export type MergeValues = { [field: string]: unknown; custom: Record<string, unknown> }

export const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')
const sameValue = (a: unknown, b: unknown) => (isBlank(a) && isBlank(b)) || JSON.stringify(a) === JSON.stringify(b)

// Every field the pair chooses between: the entity's own, then each custom key either record has.
export function mergeKeys(entity: MergeEntity, a: MergeValues, b: MergeValues): string[] {
  const custom = [...new Set([...Object.keys(a.custom), ...Object.keys(b.custom)])].sort()
  return [...MERGE_FIELDS[entity], ...custom.map((k) => `${CUSTOM_PREFIX}${k}`)]
}

export const valueOf = (r: MergeValues, key: string): unknown => (key.startsWith(CUSTOM_PREFIX) ? r.custom[key.slice(CUSTOM_PREFIX.length)] : r[key])

export const differs = (a: MergeValues, b: MergeValues, key: string): boolean => !sameValue(valueOf(a, key), valueOf(b, key))

// Unchosen fields keep the survivor's value, or take the other's where the survivor has none.
// The owner only moves for a role that may assign records.
function defaultSide(key: string, self: unknown, other: unknown, canAssign: boolean): MergeSide {
  if (key === 'ownerId' && !canAssign) return 'self'
  return isBlank(self) && !isBlank(other) ? 'other' : 'self'
}

export type MergePlan = { patch: Record<string, unknown>; taken: string[]; errors: FieldError[] }

// What the merge writes onto the survivor: a patch (in the entity's input shape) of the values
// taken from the other record, and the names of the fields taken. Errors name `fields.<key>`.
export function mergePatch(entity: MergeEntity, self: MergeValues, other: MergeValues, choices: Record<string, MergeSide>, opts: { canAssign: boolean }): MergePlan {
  const keys = mergeKeys(entity, self, other)
  const errors: FieldError[] = Object.keys(choices)
    .filter((k) => !keys.includes(k))
    .map((k) => ({ path: `fields.${k}`, message: `${k} is not a field of either ${entity}.` }))
  const patch: Record<string, unknown> = {}
  const custom = { ...self.custom }
  const taken: string[] = []
  for (const key of keys) {
    const mine = valueOf(self, key)
    const theirs = valueOf(other, key)
    const side = choices[key] ?? defaultSide(key, mine, theirs, opts.canAssign)
    if (side === 'self' || sameValue(mine, theirs)) continue
    taken.push(key)
    if (key.startsWith(CUSTOM_PREFIX)) {
      const k = key.slice(CUSTOM_PREFIX.length)
      if (theirs === undefined) delete custom[k]
      else custom[k] = theirs
    } else patch[key] = theirs ?? null
  }
  if (taken.some((k) => k.startsWith(CUSTOM_PREFIX))) patch.custom = custom
  if ('ownerId' in patch && !opts.canAssign) errors.push({ path: 'fields.ownerId', message: 'Your role cannot change who owns a record.' })
  // Conversion is final: what the lead became still points back at it.
  if (entity === 'lead' && 'status' in patch && self.status === 'converted') errors.push({ path: 'fields.status', message: 'This lead is converted; its status can no longer change.' })
  return { patch, taken, errors }
}

// The compare page pre-selects, per field, the value worth keeping: the only one there is, or
// else the one of the record changed last.
export function preferredSide(key: string, a: MergeValues & { updatedAt: Date }, b: MergeValues & { updatedAt: Date }): 'a' | 'b' {
  const va = valueOf(a, key)
  const vb = valueOf(b, key)
  if (isBlank(va) !== isBlank(vb)) return isBlank(va) ? 'b' : 'a'
  return b.updatedAt > a.updatedAt ? 'b' : 'a'
}

export type NameParts = { firstName?: string | null; lastName?: string | null; companyName?: string | null; email?: string | null }

export const recordName = (entity: MergeEntity, r: NameParts): string => (entity === 'lead' ? leadName(r) : personName(r.firstName ?? null, r.lastName ?? null))

// The open duplicates of one entity, newest first, a keyset page at a time.
export const DuplicateListQuery = z
  .object({
    type: z.enum(MERGE_ENTITIES, 'Choose lead or contact.').default('lead'),
    cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE),
  })
  .strict()
export type DuplicateListQuery = z.infer<typeof DuplicateListQuery>

type Comparable = MergeValues & { updatedAt: Date; createdAt: Date; status?: unknown }

// The compare form as first shown: the older record survives (it has the longer history) unless
// the newer is a converted lead, and each differing field pre-selects its preferred side.
export function compareDefaults(entity: MergeEntity, a: Comparable, b: Comparable): Record<string, string> {
  const converted = (r: Comparable) => entity === 'lead' && r.status === 'converted'
  const survivor = converted(a) !== converted(b) ? (converted(a) ? 'a' : 'b') : b.createdAt < a.createdAt ? 'b' : 'a'
  const form: Record<string, string> = { survivor }
  for (const key of mergeKeys(entity, a, b)) if (differs(a, b, key)) form[`f.${key}`] = preferredSide(key, a, b)
  return form
}

// The compare form's radios as the API's choices, relative to the survivor.
export function choicesFromForm(form: Record<string, string>): { survivor: 'a' | 'b'; choices: Record<string, MergeSide> } {
  const survivor = form.survivor === 'b' ? 'b' : 'a'
  const choices: Record<string, MergeSide> = {}
  for (const [name, side] of Object.entries(form)) {
    if (name.startsWith('f.') && (side === 'a' || side === 'b')) choices[name.slice(2)] = side === survivor ? 'self' : 'other'
  }
  return { survivor, choices }
}
