// The payload of an "updated" event: for each field that changed, its old and new value.
export type FieldChange = { from: unknown; to: unknown }
export type FieldDiff = Record<string, FieldChange>

// Compares the fields a change could touch. Dates compare by instant and nullish values are
// treated alike, so re-saving a form unchanged yields an empty diff (and no event).
export function fieldDiff<T extends Record<string, unknown>>(before: T, after: Partial<T>, fields: readonly (keyof T & string)[]): FieldDiff {
  const diff: FieldDiff = {}
  for (const field of fields) {
    if (!(field in after)) continue
    const from = normalise(before[field])
    const to = normalise(after[field])
    if (!sameValue(from, to)) diff[field] = { from, to }
  }
  return diff
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  return value
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b)
  return false
}
