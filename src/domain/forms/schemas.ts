import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import { FormField } from './fields'

// A lead capture form as the forms page and /api/v1/forms accept it: one schema for both.

export const MAX_FORM_FIELDS = 50

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong)
// Optional free text: blank means "none", so a cleared input stores null rather than "".
const optionalText = (max: number, tooLong: string) =>
  text(max, tooLong)
    .nullish()
    .transform((v) => (v ? v : null))

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:'

// An allowed origin, given as "https://www.example.com" (a trailing slash is tolerated) and kept
// as URL.origin, the exact string a browser sends in its Origin header. A path, query or
// credentials would suggest a page is meant, which an origin check cannot tell apart: refused.
export const AllowedOrigin = z.string().trim().transform((raw, ctx) => {
  const url = parseUrl(raw)
  if (!url || !isHttp(url)) {
    ctx.addIssue({ code: 'custom', message: `“${raw}” is not an http or https origin, like https://www.example.com.` })
    return z.NEVER
  }
  if (url.pathname !== '/' || url.search || url.hash || raw.endsWith('?') || raw.endsWith('#') || url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: `“${raw}” has more than an origin: give only the scheme and host, like ${url.origin}.` })
    return z.NEVER
  }
  return url.origin
})

// Where a visitor lands after submitting; http(s) only, so no javascript: link is ever rendered.
const RedirectUrl = optionalText(2000, 'Keep the address under 2,000 characters.').refine((raw) => {
  const url = raw === null ? null : parseUrl(raw)
  return raw === null || (url !== null && isHttp(url))
}, 'Give a full http or https address, like https://www.example.com/thanks.')

const count = (min: number, max: number, what: string) => z.number(`Enter ${what} as a whole number.`).int(`Enter ${what} as a whole number.`).min(min, `${what} goes from ${min} to ${max}.`).max(max, `${what} goes from ${min} to ${max}.`)

// The fields as a whole: unique names, choices for every select (and the value of every hidden
// field), and no lead field filled by two inputs, which would leave one of them silently lost.
const Fields = z
  .array(FormField)
  .min(1, 'Add at least one field.')
  .max(MAX_FORM_FIELDS, `A form has at most ${MAX_FORM_FIELDS} fields.`)
  .superRefine((fields, ctx) => {
    const names = new Set<string>()
    const maps = new Set<string>()
    fields.forEach((f, i) => {
      if (names.has(f.name.toLowerCase())) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Another field is already named “${f.name}”.` })
      names.add(f.name.toLowerCase())
      if (maps.has(f.maps)) ctx.addIssue({ code: 'custom', path: [i, 'maps'], message: 'Another field already fills this one.' })
      maps.add(f.maps)
      if (f.type === 'select' && !f.options?.length) ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'A select needs at least one choice.' })
      if (f.type === 'hidden' && !f.options?.length) ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'A hidden field needs its value (the first choice).' })
    })
  })

// Every setting, none defaulted: the patch schema is this made partial, and the create schema
// adds the defaults.
const settings = {
  name: text(200, 'Keep the name under 200 characters.').min(1, 'Give the form a name.'),
  fields: Fields,
  consentText: optionalText(2000, 'Keep the consent text under 2,000 characters.'),
  allowedOrigins: z
    .array(AllowedOrigin)
    .max(50, 'List at most 50 origins.')
    .transform((origins) => [...new Set(origins)]),
  thankYouMessage: optionalText(2000, 'Keep the message under 2,000 characters.'),
  redirectUrl: RedirectUrl,
  defaultSource: optionalText(100, 'Keep the source under 100 characters.'),
  ownerId: z.uuid('Choose a member of this workspace.').nullish().transform((v) => v ?? null),
  turnstileSiteKey: optionalText(200, 'That is not a Turnstile site key.'),
  turnstileSecret: optionalText(200, 'That is not a Turnstile secret key.'),
  minFillSeconds: count(0, 600, 'Minimum fill time'),
  acceptWithoutTimestamp: z.boolean(),
  maxPerMinute: count(1, 100_000, 'Submissions per minute'),
  maxPerIpPerMinute: count(1, 10_000, 'Submissions per address per minute'),
}

export const FORM_DEFAULTS = { allowedOrigins: [], minFillSeconds: 3, acceptWithoutTimestamp: true, maxPerMinute: 600, maxPerIpPerMinute: 10 } as const

export const FormInput = z
  .object({
    ...settings,
    allowedOrigins: settings.allowedOrigins.default([]),
    minFillSeconds: settings.minFillSeconds.default(FORM_DEFAULTS.minFillSeconds),
    acceptWithoutTimestamp: settings.acceptWithoutTimestamp.default(FORM_DEFAULTS.acceptWithoutTimestamp),
    maxPerMinute: settings.maxPerMinute.default(FORM_DEFAULTS.maxPerMinute),
    maxPerIpPerMinute: settings.maxPerIpPerMinute.default(FORM_DEFAULTS.maxPerIpPerMinute),
  })
  .strict()
  .superRefine(
    (f, ctx) => {
      // Half a Turnstile setup would fail every submission closed.
      if (f.turnstileSiteKey && !f.turnstileSecret) ctx.addIssue({ code: 'custom', path: ['turnstileSecret'], message: 'Give the secret key that goes with the site key.' })
      if (f.turnstileSecret && !f.turnstileSiteKey) ctx.addIssue({ code: 'custom', path: ['turnstileSiteKey'], message: 'Give the site key that goes with the secret key.' })
    },
    // Also when other fields failed, so a form that comes back lists every problem at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
export type FormInput = z.infer<typeof FormInput>

// A partial change. It is merged onto the stored form and the result validated whole with
// FormInput (mergeFormPatch), so a patch's errors name the same paths as a create's. An omitted
// turnstileSecret keeps the stored one: the secret is never read back, so a client cannot resend it.
export const FormPatch = z.object(settings).partial().strict()
export type FormPatch = z.input<typeof FormPatch>

// `stored` is the stored form as input again, secret included.
export function mergeFormPatch(stored: FormInput, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored, ...patch }
  // Turning Turnstile off by clearing the site key clears the secret with it.
  if (patch.turnstileSiteKey === null && patch.turnstileSecret === undefined) merged.turnstileSecret = null
  return merged
}

export const FormListQuery = z
  .object({
    archived: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
export type FormListFilters = z.infer<typeof FormListQuery>

export const SubmissionListQuery = z
  .object({ cursor: z.string().max(MAX_CURSOR_LENGTH).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict()
export type SubmissionListFilters = z.infer<typeof SubmissionListQuery>
