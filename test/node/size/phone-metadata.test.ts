import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectedPhoneMetadata, PHONE_METADATA_FILE } from '../../../tools/dev/phone-metadata.ts'

// public/data/phone-metadata.json is derived from the installed libphonenumber-js; after an upgrade
// it must be regenerated, or the worker would validate phones against last version's rules.
describe('phone metadata', () => {
  it('matches the installed libphonenumber-js (regenerate: npx tsx scripts/phone-metadata.ts)', () => {
    expect(readFileSync(PHONE_METADATA_FILE, 'utf8') === expectedPhoneMetadata()).toBe(true)
  })
})
