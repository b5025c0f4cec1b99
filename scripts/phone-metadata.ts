// Rewrites public/data/phone-metadata.json from the installed libphonenumber-js (see
// tools/dev/phone-metadata.ts). Run after upgrading the library: `npx tsx scripts/phone-metadata.ts`.
import { writeFileSync } from 'node:fs'
import { expectedPhoneMetadata, PHONE_METADATA_FILE } from '../tools/dev/phone-metadata.ts'

writeFileSync(PHONE_METADATA_FILE, expectedPhoneMetadata())
console.log(`Wrote ${PHONE_METADATA_FILE}`)
