import type { CountryCode } from 'libphonenumber-js/min'
import { parsePhoneNumberFromString } from '../../lib/phone'

// Canonical forms of the values that dedupe keys, unique constraints and search are built on.
// Format validation belongs to the zod schemas; these only decide what counts as "the same".

// The whole address is lowercased, local part included: RFC 5321 lets the local part be
// case-sensitive, but no mainstream provider treats it so, and matching "Bob@" to "bob@" is what
// dedupe needs.
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase()
  return email === '' ? null : email
}

export type NormalisedPhone = { e164: string; digits: string }

// 'min' metadata (the library's default set; src/lib/phone.ts ships it without the formats) checks
// length and leading digits per country, not the full digit patterns of 'max'; that is enough for
// a dedupe key and keeps the worker bundle small. The library's default text extraction stays on,
// so an imported "213-373-4253 (mobile)" still parses. Extensions are dropped: E.164 has no place for them.
export function normalisePhone(input: string, defaultCountry: CountryCode = 'US'): NormalisedPhone | null {
  const phone = parsePhoneNumberFromString(input.trim(), defaultCountry)
  if (!phone || !phone.isValid()) return null
  const e164 = phone.number
  return { e164, digits: e164.slice(1) }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

// Accepts what people paste into a "website" or "domain" field: a bare domain, a URL with or
// without its scheme, or an email address. The URL API does the parsing, so percent-encoding,
// IDNs (to punycode), ports and userinfo are handled as browsers handle them.
export function normaliseDomain(input: string): string | null {
  let text = input.trim()
  if (text === '') return null
  if (!SCHEME.test(text)) {
    // No scheme: an '@' before any path means an email address, so keep what follows it.
    const at = text.split(/[/?#]/, 1)[0]?.lastIndexOf('@') ?? -1
    if (at >= 0) text = text.slice(at + 1)
    text = `http://${text}`
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  // Other schemes get an opaque host from the URL API, with no lowercasing or IDN handling.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  let host = url.hostname.toLowerCase()
  if (host.endsWith('.')) host = host.slice(0, -1)
  // Strip every leading www. while a dot remains, so the result is idempotent ("www.www.a.com"
  // gives "a.com" in one go) and "www.com" is not cut down to a bare TLD.
  while (host.startsWith('www.') && host.slice(4).includes('.')) host = host.slice(4)
  if (host.length > 253 || !host.includes('.')) return null
  const labels = host.split('.')
  if (!labels.every((label) => LABEL.test(label))) return null
  // A numeric last label means an IP address (the URL API turns "0x7f.1" into "127.0.0.1"),
  // which is no company's domain.
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return null
  return host
}

export function personName(first: string | null, last: string | null): string {
  const name = [first, last]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ')
  return name === '' ? '(no name)' : name
}
