import type { FieldError } from '../../lib/errors'
import { LeadPatch } from '../leads/schemas'
import type { FormField } from './fields'

// A posted form as plain strings, keyed by field name.
export type PostedFields = Record<string, string>

const CHECKED = new Set(['on', 'true', '1', 'yes'])
export const isChecked = (value: string | undefined): boolean => value !== undefined && CHECKED.has(value.trim().toLowerCase())

// A hidden field's value is fixed by the form (options[0]), whatever was posted.
const fieldValue = (field: FormField, posted: PostedFields): string => (field.type === 'hidden' ? (field.options?.[0] ?? '') : (posted[field.name] ?? '').trim())

// Required fields left empty, and select values that are not among the choices: mistakes a
// person makes (or a stale page), answered with the form again.
export function requiredErrors(fields: readonly FormField[], posted: PostedFields): FieldError[] {
  const errors: FieldError[] = []
  for (const f of fields) {
    const value = fieldValue(f, posted)
    const filled = f.type === 'checkbox' ? isChecked(posted[f.name]) : value !== ''
    if (f.required && !filled) errors.push({ path: f.name, message: `${f.label} is required.` })
    else if (f.type === 'select' && value !== '' && f.options?.length && !f.options.includes(value)) errors.push({ path: f.name, message: `Choose ${f.label} from the list.` })
  }
  return errors
}

export const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const
const UTM_MAX = 200

// UTM parameters from the posted fields (an embed copies them from its page's URL), else from the
// query of the page that posted (the Referer).
export function utmFrom(posted: PostedFields, referrer: string | null): Record<string, string> {
  let query: URLSearchParams | null = null
  try {
    query = referrer ? new URL(referrer).searchParams : null
  } catch {
    query = null
  }
  const utm: Record<string, string> = {}
  for (const key of UTM_PARAMS) {
    const value = (posted[key]?.trim() || query?.get(key)?.trim() || '').slice(0, UTM_MAX)
    if (value) utm[key] = value
  }
  return utm
}

// The lead values a submission fills: each field into the lead field or custom field it maps to,
// validated by the lead schema. Invalid values come back as errors named by form field, and are
// left out of `values` (so a released quarantined submission still becomes a lead).
export function leadValuesFrom(fields: readonly FormField[], posted: PostedFields, extra: { source: string | null; utm: Record<string, string> }) {
  const lead: Record<string, unknown> = {}
  const custom: Record<string, string | boolean> = {}
  const fieldFor = new Map<string, string>()
  for (const f of fields) {
    const value = f.type === 'checkbox' ? isChecked(posted[f.name]) : fieldValue(f, posted)
    if (value === '' || value === false) continue
    if (f.maps.startsWith('custom.')) custom[f.maps.slice('custom.'.length)] = value
    else lead[f.maps] = typeof value === 'boolean' ? 'yes' : value
    fieldFor.set(f.maps, f.name)
  }
  const errors: FieldError[] = []
  const withCustom = () => ({ ...lead, ...(Object.keys(custom).length ? { custom } : {}) })
  const parsed = LeadPatch.safeParse(withCustom())
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [top = '', key] = issue.path.map(String)
    const maps = top === 'custom' && key !== undefined ? `custom.${key}` : top
    errors.push({ path: fieldFor.get(maps) ?? maps, message: issue.message })
    if (top === 'custom' && key !== undefined) delete custom[key]
    else delete lead[top]
  }
  const values = parsed.success ? parsed.data : (LeadPatch.safeParse(withCustom()).data ?? {})
  return {
    values: {
      ...values,
      source: extra.source,
      utmSource: extra.utm.utm_source ?? null,
      utmMedium: extra.utm.utm_medium ?? null,
      utmCampaign: extra.utm.utm_campaign ?? null,
      utmTerm: extra.utm.utm_term ?? null,
      utmContent: extra.utm.utm_content ?? null,
    },
    errors,
  }
}
