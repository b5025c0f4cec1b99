// <input type="datetime-local"> sends "2026-03-01T09:30" with no offset. The app shows and reads
// times in UTC (see views/components/date-time.tsx), so a bare local time is taken as UTC and
// given its "Z" before the shared zod schema, which wants an offset, sees it.
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/

export function fromDatetimeLocal(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (!LOCAL.test(trimmed)) return trimmed
  return trimmed.length === 16 ? `${trimmed}:00Z` : `${trimmed}Z`
}

// The form's named datetime-local fields converted, the rest as typed.
export function withInstants(form: Record<string, string>, fields: readonly string[]): Record<string, string> {
  const out = { ...form }
  for (const field of fields) {
    const value = fromDatetimeLocal(out[field])
    if (value !== undefined) out[field] = value
  }
  return out
}

// A Date (or an ISO string kept from a failed submit) as a datetime-local value, in UTC.
export function toDatetimeLocal(value: Date | string | null | undefined): string {
  if (!value) return ''
  if (typeof value === 'string') {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 16)
  }
  return value.toISOString().slice(0, 16)
}
