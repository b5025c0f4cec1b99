import * as z from 'zod'
import { isPhoneCountry } from '../../lib/phone'
import { TAG_COLOURS } from './vocab'

// Building blocks for record schemas shared by HTML forms and the JSON API. A form sends "" for
// an empty input; JSON sends null to clear a field. Both mean "no value".
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

export const optionalText = (max = 200) => z.preprocess(blankToNull, z.string().trim().max(max).nullable()).optional()

export const requiredText = (label: string, max = 200) => z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`).max(max, `${label} is at most ${max} characters.`)

// Trimmed before the format check, so a pasted " ada@x.com " is accepted.
export const optionalEmail = () => z.preprocess(blankToNull, z.string().trim().max(254).pipe(z.email('Enter an email address like name@example.com.')).nullable()).optional()

export const optionalId = (what: string) => z.preprocess(blankToNull, z.uuid(`Choose a valid ${what}.`).nullable()).optional()

export const optionalUrl = () =>
  z.preprocess(blankToNull, z.url({ protocol: /^https?$/, error: 'Enter a web address starting with http:// or https://.' }).max(500).nullable()).optional()

// One of a fixed list (a select), or nothing.
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) => z.preprocess(blankToNull, z.enum(values, message).nullable()).optional()

// A two-letter country code in any case, stored upper-cased: one of the ISO 3166-1 alpha-2 codes
// libphonenumber knows (every country people have phones in).
export const optionalCountry = () =>
  z.preprocess(blankToNull, z.string().trim().toUpperCase().refine(isPhoneCountry, 'Use a two-letter country code such as US, GB or DE.').nullable()).optional()

// YYYY-MM-DD, as <input type="date"> sends it.
export const optionalDate = () => z.preprocess(blankToNull, z.iso.date('Enter a date as YYYY-MM-DD.').nullable()).optional()

// An instant. JSON clients send ISO 8601 with an offset; <input type="datetime-local"> sends a
// local time without one, which the form layer converts before validation.
export const optionalInstant = () => z.preprocess(blankToNull, z.iso.datetime({ offset: true, error: 'Enter a date and time.' }).nullable()).optional()

export const TagName = z.string().trim().min(1).max(40)
export const tagsField = () => z.array(TagName).max(20, 'At most 20 tags.').optional()

export const customField = () => z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).optional()

export const TagColour = z.enum(TAG_COLOURS)

// What every core record carries in API responses besides its own fields.
export const recordJsonShape = {
  ownerId: z.string().nullable(),
  lastContactedAt: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
}

export const hasText = (v: unknown): boolean => typeof v === 'string' && v.trim() !== ''

// A rule across fields (at least a name, say), reported on `path`. `when` runs it even when other
// fields failed, so one submit reports every problem; the OpenAPI generator then also probes it
// with null, which the object check has already refused, so non-objects pass here.
export function withRule<S extends z.ZodObject>(schema: S, ok: (v: Record<string, unknown>) => boolean, path: string, message: string) {
  return schema.refine((v: unknown) => typeof v !== 'object' || v === null || ok(v as Record<string, unknown>), { path: [path], message, when: () => true })
}
