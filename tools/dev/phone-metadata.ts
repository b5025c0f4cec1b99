// Derives the phone metadata the worker reads (public/data/phone-metadata.json, a static asset: see
// src/lib/phone.ts) from libphonenumber-js's own 'min' set: the same data minus the per-country
// number formats, which only formatting reads (formatNational, formatInternational, AsYouType). We
// only parse, validate and take the E.164 form, so dropping them leaves every result unchanged and
// makes the file ~50 KB smaller. `npx tsx scripts/phone-metadata.ts` rewrites the file;
// test/node/size/phone-metadata.test.ts fails when it no longer matches the installed library
// (after an upgrade).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PHONE_METADATA_PATH, usePhoneMetadata } from '../../src/lib/phone.ts'

const require = createRequire(import.meta.url)
const ROOT = dirname(require.resolve('../../package.json'))
export const PHONE_METADATA_FILE = join(ROOT, 'public', PHONE_METADATA_PATH)

// For Node tooling that normalises phone numbers (the demo seed, the Node-run tests): the worker
// loads the file through its ASSETS binding instead.
export function installPhoneMetadata(): void {
  usePhoneMetadata(JSON.parse(readFileSync(PHONE_METADATA_FILE, 'utf8')))
}

type Territory = unknown[]
type Metadata = { version: number; country_calling_codes: unknown; countries: Record<string, Territory>; nonGeographic?: Record<string, Territory> }

// Index of the formats in a territory's array for metadata version 4 (see Metadata._getFormats in
// libphonenumber-js/source/metadata.js); 0 is the library's own "absent" value.
const FORMATS = 4

export function installedMinMetadata(): Metadata {
  return JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.min.json'), 'utf8')) as Metadata
}

export function withoutFormats(min: Metadata): Metadata {
  if (min.version !== 4) throw new Error(`libphonenumber-js metadata version ${min.version}: check the formats index in tools/dev/phone-metadata.ts`)
  const strip = (territories: Record<string, Territory> = {}) => Object.fromEntries(Object.entries(territories).map(([code, t]) => [code, t.map((v, i) => (i === FORMATS && v !== undefined ? 0 : v))]))
  return { ...min, countries: strip(min.countries), ...(min.nonGeographic ? { nonGeographic: strip(min.nonGeographic) } : {}) }
}

// One territory per line, so an upgrade's diff shows which countries changed.
export function serialise(metadata: Metadata): string {
  const block = (territories: Record<string, Territory>) => `{\n${Object.entries(territories).map(([code, t]) => `${JSON.stringify(code)}:${JSON.stringify(t)}`).join(',\n')}\n}`
  const { countries, nonGeographic, ...rest } = metadata
  const head = JSON.stringify(rest).slice(0, -1)
  return `${head},"countries":${block(countries)}${nonGeographic ? `,"nonGeographic":${block(nonGeographic)}` : ''}}\n`
}

export function expectedPhoneMetadata(): string {
  return serialise(withoutFormats(installedMinMetadata()))
}
