import { MAX_STORED_PAYLOAD_BYTES } from './submissions'

const encoder = new TextEncoder()
// What a string costs inside the stored JSON: quotes and escapes included.
const jsonBytes = (s: string) => encoder.encode(JSON.stringify(s)).length
const ELLIPSIS = '…'

// The longest prefix of `value` whose JSON fits in `budget` bytes, marked as cut. Never splits a
// surrogate pair (the half left over would not be valid text).
function truncate(value: string, budget: number): string {
  if (jsonBytes(value) <= budget) return value
  let lo = 0
  let hi = value.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (jsonBytes(value.slice(0, mid) + ELLIPSIS) <= budget) lo = mid
    else hi = mid - 1
  }
  const cut = /[\ud800-\udbff]$/.test(value.slice(0, lo)) ? lo - 1 : lo
  return cut > 0 ? value.slice(0, cut) + ELLIPSIS : ''
}

// A posted form as stored with its submission, at most `maxBytes` of JSON. Every field is kept
// (up to half the budget spent on names, against a flood of them) and long values are cut: short
// values whole, the long ones sharing what is left equally.
export function capPayload(posted: Record<string, string>, maxBytes = MAX_STORED_PAYLOAD_BYTES): Record<string, string> {
  if (encoder.encode(JSON.stringify(posted)).length <= maxBytes) return posted
  const keys: string[] = []
  // "{}" plus, per field, its name, the colon, the comma and the value's quotes.
  let used = 2
  for (const key of Object.keys(posted)) {
    const cost = jsonBytes(key) + 4
    if (used + cost > maxBytes / 2) break
    keys.push(key)
    used += cost
  }
  let left = maxBytes - used
  // A Map, since a posted name may be "__proto__".
  const cut = new Map<string, string>()
  const shortestFirst = [...keys].sort((a, b) => jsonBytes(posted[a] ?? '') - jsonBytes(posted[b] ?? ''))
  shortestFirst.forEach((key, i) => {
    // Each value's JSON already counts its two quotes in `used`.
    const share = Math.floor(left / (shortestFirst.length - i)) + 2
    const value = truncate(posted[key] ?? '', share)
    cut.set(key, value)
    left -= jsonBytes(value) - 2
  })
  return Object.fromEntries(keys.map((key) => [key, cut.get(key) ?? '']))
}
