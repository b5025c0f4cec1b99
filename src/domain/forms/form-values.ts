import type { FieldError } from '../../lib/errors'
import { FORM_LEAD_FIELDS, type FormField, type FormFieldType } from './fields'
import type { FormInput } from './schemas'

// The forms page's editor is a flat HTML form: one input per setting, and per field row inputs
// named "fields.<i>.<part>". These map it to FormInput's shape and back; FormInput still does all
// the validating. Rows are renumbered 0..n-1 on every read, so an error's path ("fields.2.label")
// is the name of the input it belongs to when the form is rendered again.

export type FieldRow = { name: string; label: string; type: string; required: boolean; maps: string; customKey: string; options: string }
export type FormValues = { settings: Record<string, string>; rows: FieldRow[] }

// The "fills" select offers the lead fields and this, for custom.<customKey>.
export const CUSTOM_MAPS = 'custom'

const ROW_INPUT = /^fields\.(\d{1,3})\.(name|label|type|required|maps|customKey|options)$/

const blank = (v: string | undefined) => v === undefined || v.trim() === ''
const nullIfBlank = (v: string | undefined) => (blank(v) ? null : v)
// Empty stays undefined, so the schema says the number is missing rather than "not a number".
const numberOf = (v: string | undefined) => (blank(v) ? undefined : Number(v))
const lines = (v: string | undefined) => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)

export function formToValues(form: Record<string, string>): FormValues {
  const settings: Record<string, string> = {}
  const byIndex = new Map<number, Record<string, string>>()
  for (const [key, value] of Object.entries(form)) {
    const m = ROW_INPUT.exec(key)
    if (!m) settings[key] = value
    else byIndex.set(Number(m[1]), { ...byIndex.get(Number(m[1])), [m[2] ?? '']: value })
  }
  const rows = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, r]) => ({ name: r.name ?? '', label: r.label ?? '', type: r.type ?? 'text', required: r.required !== undefined, maps: r.maps ?? '', customKey: r.customKey ?? '', options: r.options ?? '' }))
  return { settings, rows }
}

function rowToField(r: FieldRow): Record<string, unknown> {
  const options = lines(r.options)
  return { name: r.name, label: r.label, type: r.type, required: r.required, maps: r.maps === CUSTOM_MAPS ? `custom.${r.customKey.trim()}` : r.maps, ...(options.length ? { options } : {}) }
}

// The input FormInput validates. A blank Turnstile secret is left out: on an edit it keeps the
// stored one (see mergeFormPatch); a blank site key turns Turnstile off, secret and all.
export function valuesToInput({ settings: s, rows }: FormValues): Record<string, unknown> {
  const turnstileOff = blank(s.turnstileSiteKey)
  return {
    name: s.name ?? '',
    fields: rows.map(rowToField),
    consentText: nullIfBlank(s.consentText),
    allowedOrigins: lines(s.allowedOrigins),
    thankYouMessage: nullIfBlank(s.thankYouMessage),
    redirectUrl: nullIfBlank(s.redirectUrl),
    defaultSource: nullIfBlank(s.defaultSource),
    ownerId: nullIfBlank(s.ownerId),
    turnstileSiteKey: turnstileOff ? null : s.turnstileSiteKey,
    ...(turnstileOff ? { turnstileSecret: null } : blank(s.turnstileSecret) ? {} : { turnstileSecret: s.turnstileSecret }),
    minFillSeconds: numberOf(s.minFillSeconds),
    acceptWithoutTimestamp: s.acceptWithoutTimestamp !== undefined,
    maxPerMinute: numberOf(s.maxPerMinute),
    maxPerIpPerMinute: numberOf(s.maxPerIpPerMinute),
  }
}

const isLeadField = (maps: string) => (FORM_LEAD_FIELDS as readonly string[]).includes(maps)

export function fieldToRow(f: FormField): FieldRow {
  const custom = !isLeadField(f.maps)
  return { name: f.name, label: f.label, type: f.type, required: f.required, maps: custom ? CUSTOM_MAPS : f.maps, customKey: custom ? f.maps.replace(/^custom\./, '') : '', options: (f.options ?? []).join('\n') }
}

// A stored form as the edit form's values. The secret is never put back into the page.
export function inputToValues(f: FormInput): FormValues {
  const settings: Record<string, string> = {
    name: f.name,
    consentText: f.consentText ?? '',
    allowedOrigins: f.allowedOrigins.join('\n'),
    thankYouMessage: f.thankYouMessage ?? '',
    redirectUrl: f.redirectUrl ?? '',
    defaultSource: f.defaultSource ?? '',
    ownerId: f.ownerId ?? '',
    turnstileSiteKey: f.turnstileSiteKey ?? '',
    minFillSeconds: String(f.minFillSeconds),
    maxPerMinute: String(f.maxPerMinute),
    maxPerIpPerMinute: String(f.maxPerIpPerMinute),
    ...(f.acceptWithoutTimestamp ? { acceptWithoutTimestamp: 'on' } : {}),
  }
  return { settings, rows: f.fields.map(fieldToRow) }
}

const row = (name: string, label: string, type: FormFieldType, maps: string, required = false): FieldRow => ({ name, label, type, required, maps, customKey: '', options: '' })

// What a new form starts with: the fields nearly every lead form asks for.
export const NEW_FORM_VALUES: FormValues = {
  settings: { minFillSeconds: '3', maxPerMinute: '600', maxPerIpPerMinute: '10', acceptWithoutTimestamp: 'on' },
  rows: [row('firstName', 'First name', 'text', 'firstName'), row('lastName', 'Last name', 'text', 'lastName'), row('email', 'Email', 'email', 'email', true)],
}

// The editor's "Add a field" and "Remove" buttons post the whole form with `_row` set to "add" or
// "remove:<i>"; the form comes back with that change and nothing saved. A new row fills nothing
// until it is chosen: a guessed lead field would quietly file "Company" under phone.
export function applyRowAction(values: FormValues, action: string): FormValues {
  const remove = /^remove:(\d{1,3})$/.exec(action)
  if (remove) return { ...values, rows: values.rows.filter((_, i) => i !== Number(remove[1])) }
  if (action !== 'add') return values
  return { ...values, rows: [...values.rows, row('', '', 'text', '')] }
}

// Schema errors named by the input they belong to: an origin's error sits under the origins box,
// a custom field's mapping error under its key.
export function formFieldErrors(errors: FieldError[], rows: FieldRow[]): FieldError[] {
  return errors.map((e) => {
    const parts = e.path.split('.')
    if (parts[0] === 'allowedOrigins') return { ...e, path: 'allowedOrigins' }
    if (parts[0] === 'fields' && parts.length >= 3) {
      const i = Number(parts[1])
      if (parts[2] === 'maps' && rows[i]?.maps === '') return { path: `fields.${i}.maps`, message: 'Choose the lead field or custom field it fills.' }
      const part = parts[2] === 'maps' && rows[i]?.maps === CUSTOM_MAPS ? 'customKey' : parts[2]
      return { ...e, path: `fields.${i}.${part}` }
    }
    return e
  })
}
