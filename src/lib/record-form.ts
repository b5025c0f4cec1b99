// Turns a submitted record form (all strings) into the shape the shared zod schemas take: tags
// arrive comma-separated, and fields a role cannot see are not sent at all.
export function formToInput(form: Record<string, string>): Record<string, unknown> {
  const { tags, ...rest } = form
  const input: Record<string, unknown> = { ...rest }
  if (tags !== undefined) input.tags = tags.split(',').map((t) => t.trim()).filter(Boolean)
  return input
}

// A record as form values, for the edit form.
export function toFormValues(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined) continue
    if (k === 'tags' && Array.isArray(v)) out.tags = v.map((t: { name?: string } | string) => (typeof t === 'string' ? t : (t.name ?? ''))).join(', ')
    else if (v instanceof Date) out[k] = v.toISOString()
    else if (typeof v !== 'object') out[k] = String(v)
  }
  return out
}
