import type { CountryCode, MetadataJson, getCountries as GetCountries, parsePhoneNumberFromString as ParsePhoneNumber } from 'libphonenumber-js/core'
// libphonenumber-js's own functions, from the package's ES2015+ build: the 'min' entry uses its
// Babel ES5 build, whose per-file class and iterator helpers cost ~15 KB more in the worker bundle.
// That build ships without type declarations, so the two are typed from 'libphonenumber-js/core'.
// @ts-expect-error es6-modern has no .d.ts (see above)
import parsePhoneNumberModern from '../../node_modules/libphonenumber-js/es6-modern/parsePhoneNumber.js'
// @ts-expect-error es6-modern has no .d.ts (see above)
import getCountriesModern from '../../node_modules/libphonenumber-js/es6-modern/getCountries.js'
import metadataJson from './phone-metadata.json'

// 'libphonenumber-js/min', minus the ~50 KB of number formats that only formatting reads (see
// tools/dev/phone-metadata.ts). Parsing, isValid() and .number give exactly what 'min' gives
// (test/domain/phone.test.ts); formatNational()/formatInternational() would print bare digits, so
// a feature that displays formatted numbers needs the formats back.
const metadata = metadataJson as unknown as MetadataJson

const parse = parsePhoneNumberModern as typeof ParsePhoneNumber
const countries = getCountriesModern as typeof GetCountries

// Same as parsePhoneNumberFromString(text, defaultCountry) from 'libphonenumber-js/min'.
export function parsePhoneNumberFromString(text: string, defaultCountry: CountryCode) {
  return parse(text, defaultCountry, metadata)
}

// Same as getCountries() from 'libphonenumber-js/min'.
export function getCountries(): CountryCode[] {
  return countries(metadata)
}
