// Regenerates the typed API client's types (tools/dev/api-client-types.ts) after a change to an
// /api/v1 route; commit the result.
import { writeApiClientTypes } from '../tools/dev/api-client-types.ts'

console.log(`wrote ${await writeApiClientTypes()}`)
