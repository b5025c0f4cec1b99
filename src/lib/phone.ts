import type { CountryCode, MetadataJson, getCountries as GetCountries, parsePhoneNumberFromString as ParsePhoneNumber } from 'libphonenumber-js/core'
// libphonenumber-js's own functions, from the package's ES2015+ build: the 'min' entry uses its
// Babel ES5 build, whose per-file class and iterator helpers cost ~15 KB more in the worker bundle.
// That build ships without type declarations, so the two are typed from 'libphonenumber-js/core'.
// @ts-expect-error es6-modern has no .d.ts (see above)
import parsePhoneNumberModern from '../../node_modules/libphonenumber-js/es6-modern/parsePhoneNumber.js'
// @ts-expect-error es6-modern has no .d.ts (see above)
import getCountriesModern from '../../node_modules/libphonenumber-js/es6-modern/getCountries.js'

// 'libphonenumber-js/min', minus the ~50 KB of number formats that only formatting reads (see
// tools/dev/phone-metadata.ts). Parsing, isValid() and .number give exactly what 'min' gives
// (test/domain/phone.test.ts); formatNational()/formatInternational() would print bare digits, so
// a feature that displays formatted numbers needs the formats back.
//
// The metadata (~32 KB) is a static asset rather than part of the worker bundle, which has a 1 MB
// budget: every worker entry point (the app's middleware, the queue and cron handlers in
// functions/worker.ts) awaits ensurePhoneMetadata() once per isolate, so parsing stays synchronous.
// Its path is behind run_worker_first (wrangler.toml), so only the ASSETS binding reads it.
export const PHONE_METADATA_PATH = '/data/phone-metadata.json'

// The part of the ASSETS binding used here, typed so Node tooling can import this file too.
type Assets = { fetch(url: string): Promise<Response> }

let metadata: MetadataJson | undefined
let countrySet: Set<string> | undefined

// Installs the metadata: the worker's entry points through ensurePhoneMetadata, Node tooling from
// the file (tools/dev/phone-metadata.ts).
export function usePhoneMetadata(json: unknown): void {
  metadata = json as MetadataJson
  countrySet = undefined
}

// Throws rather than answering: a missing asset must fail requests loudly (500 with the request
// id), never make every phone number look invalid.
export async function readPhoneMetadata(assets: Assets): Promise<unknown> {
  // The binding ignores the host name.
  const res = await assets.fetch(`https://assets.local${PHONE_METADATA_PATH}`)
  if (!res.ok) throw new Error(`Phone metadata ${PHONE_METADATA_PATH}: static asset answered ${res.status}`)
  return res.json()
}

// Each caller fetches for itself until one has finished: sharing one in-flight fetch between
// requests would tie them to the I/O of whichever request started it.
export async function ensurePhoneMetadata(assets: Assets): Promise<void> {
  if (!metadata) usePhoneMetadata(await readPhoneMetadata(assets))
}

function loaded(): MetadataJson {
  if (!metadata) throw new Error('Phone metadata not loaded: the entry point must await ensurePhoneMetadata() first.')
  return metadata
}

const parse = parsePhoneNumberModern as typeof ParsePhoneNumber
const countries = getCountriesModern as typeof GetCountries

// Same as parsePhoneNumberFromString(text, defaultCountry) from 'libphonenumber-js/min'.
export function parsePhoneNumberFromString(text: string, defaultCountry: CountryCode) {
  return parse(text, defaultCountry, loaded())
}

// Same as getCountries() from 'libphonenumber-js/min'.
export function getCountries(): CountryCode[] {
  return countries(loaded())
}

// Whether getCountries() lists the code. For schemas, which are built when their module loads,
// before any entry point has loaded the metadata: the set is made on first use.
export function isPhoneCountry(code: string): boolean {
  countrySet ??= new Set<string>(getCountries())
  return countrySet.has(code)
}
