import * as fc from 'fast-check'
import * as reference from 'libphonenumber-js/min'
import examples from 'libphonenumber-js/mobile/examples'
import { describe, expect, it } from 'vitest'
import { getCountries, parsePhoneNumberFromString, readPhoneMetadata } from '../../src/lib/phone'
import metadataFile from '../../public/data/phone-metadata.json'
import { testEnv } from '../helpers/app'

// src/lib/phone.ts ships libphonenumber-js's 'min' metadata without its number formats, through the
// package's modern build. Phone dedupe keys and country checks must come out exactly as they do
// with the library's own 'min' entry, for every country.
type Parsed = ReturnType<typeof reference.parsePhoneNumberFromString>
const summary = (p: Parsed) => p && { number: p.number, country: p.country, nationalNumber: p.nationalNumber, ext: p.ext, valid: p.isValid(), possible: p.isPossible(), type: p.getType() }

const COUNTRIES = reference.getCountries()

describe('lean phone metadata', () => {
  it('knows the same countries', () => {
    expect(getCountries()).toEqual(COUNTRIES)
  })

  it("parses every country's example numbers as 'min' does, national and international", () => {
    for (const country of COUNTRIES) {
      const national = examples[country]
      if (!national) continue
      const international = `+${reference.getCountryCallingCode(country)} ${national}`
      for (const text of [national, international, `0${national}`, `${national} ext. 12`, `tel:${international}`]) {
        expect(summary(parsePhoneNumberFromString(text, country)), `${country} ${text}`).toEqual(summary(reference.parsePhoneNumberFromString(text, country)))
      }
      expect(summary(parsePhoneNumberFromString(national, country))?.valid).toBe(true)
    }
  })

  it("parses arbitrary input as 'min' does", () => {
    const phoneish = fc.stringMatching(/^\+?[0-9 ().-]{0,20}$/)
    fc.assert(
      fc.property(fc.oneof(phoneish, fc.string()), fc.constantFrom(...COUNTRIES), (text, country) => {
        expect(summary(parsePhoneNumberFromString(text, country))).toEqual(summary(reference.parsePhoneNumberFromString(text, country)))
      }),
      { numRuns: 2000 },
    )
  })
})

// The worker reads the metadata from its static assets (not its bundle) before any handler runs.
describe('phone metadata from the static assets', () => {
  it('reads the file the worker ships through the ASSETS binding', async () => {
    expect(await readPhoneMetadata(testEnv.ASSETS)).toEqual(metadataFile)
  })

  it('fails loudly when the asset is missing, rather than treating every phone as invalid', async () => {
    const missing = { fetch: async () => new Response('Not found', { status: 404 }) }
    await expect(readPhoneMetadata(missing)).rejects.toThrow(/phone-metadata\.json.*404/)
  })
})
