// Made-up companies and people, unique by name, domain, email and phone, so the demo data shows
// no accidental duplicates (dedupe features then find only what they should).
import { normaliseDomain, normaliseEmail, normalisePhone } from '../../../src/domain/records/normalise.ts'
import { installPhoneMetadata } from '../phone-metadata.ts'
import { CONTACT_TITLES, COMPANY_KINDS, COMPANY_PREFIXES, FIRST_NAMES, LAST_NAMES, PLACES, STREETS, TLDS } from './names.ts'
import type { Random } from './random.ts'

// normalisePhone reads the metadata the worker loads from its static assets.
installPhoneMetadata()

export type Company = { name: string; domain: string; website: string; industry: string; address: string; area: string }

export type Person = {
  firstName: string
  lastName: string
  email: string
  emailNormalized: string
  phone: string | null
  phoneE164: string | null
  phoneDigits: string | null
  title: string
}

export type Directory = { company(): Company; person(company: Company): Person }

export function createDirectory(rng: Random): Directory {
  const companyNames = new Set<string>()
  const emails = new Set<string>()
  const phones = new Set<string>()

  function company(): Company {
    for (;;) {
      const prefix = rng.pick(COMPANY_PREFIXES)
      const kind = rng.pick(COMPANY_KINDS)
      const name = `${prefix} ${kind.word}`
      if (companyNames.has(name)) continue
      companyNames.add(name)
      const domain = normaliseDomain(`${asciiWord(name)}.${rng.weighted(TLDS)}`)
      if (!domain) throw new Error(`not a domain: ${name}`)
      const place = rng.pick(PLACES)
      return {
        name,
        domain,
        website: `https://www.${domain}`,
        industry: kind.industry,
        address: `${rng.int(10, 2400)} ${rng.pick(STREETS)}, ${place.city}`,
        area: place.area,
      }
    }
  }

  function person(at: Company): Person {
    const firstName = rng.pick(FIRST_NAMES)
    const lastName = rng.pick(LAST_NAMES)
    const email = uniqueEmail(firstName, lastName, at.domain)
    const phone = rng.chance(0.85) ? uniquePhone(at.area) : null
    return { firstName, lastName, email, emailNormalized: normaliseEmail(email) ?? email, phone: phone?.typed ?? null, phoneE164: phone?.e164 ?? null, phoneDigits: phone?.digits ?? null, title: rng.pick(CONTACT_TITLES) }
  }

  function uniqueEmail(first: string, last: string, domain: string): string {
    const f = asciiWord(first)
    const l = asciiWord(last)
    const local = rng.weighted([
      [`${f}.${l}`, 6],
      [`${f.charAt(0)}${l}`, 3],
      [f, 1],
    ])
    for (let n = 1; ; n++) {
      const candidate = `${local}${n === 1 ? '' : n}@${domain}`
      if (emails.has(candidate)) continue
      emails.add(candidate)
      // Some people type their address capitalised; the normalised column still matches it.
      return rng.chance(0.1) ? capitalise(candidate) : candidate
    }
  }

  function uniquePhone(area: string): { typed: string; e164: string; digits: string } | null {
    for (let attempt = 0; attempt < 20; attempt++) {
      const line = `01${String(rng.int(0, 99)).padStart(2, '0')}`
      const typed =
        area === 'uk'
          ? `+44 20 7946 ${rng.int(0, 9)}${line.slice(1)}`
          : rng.weighted([
              [`(${area}) 555-${line}`, 3],
              [`${area}-555-${line}`, 2],
              [`+1 ${area} 555 ${line}`, 1],
            ])
      const normalised = normalisePhone(typed, 'US')
      if (!normalised || phones.has(normalised.e164)) continue
      phones.add(normalised.e164)
      return { typed, ...normalised }
    }
    return null
  }

  return { company, person }
}

// "Zoë O'Brien" → "zoeobrien": what goes into a domain or an email's local part.
const asciiWord = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
