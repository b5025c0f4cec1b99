import { sql, type SQL } from 'drizzle-orm'
import { unknownTimeZone } from '../errors'

// A condition for every write of a zone: PostgreSQL must know it too. The digest claim reads all
// members' zones in one statement, and a zone the database does not know (an Intl name newer than
// its tz data) would make that statement fail for everyone. Asking fails the write instead
// (22023), which storeZone reports.
export const zoneKnownToDb = (zone: string): SQL => sql`(now() at time zone ${zone}) is not null`

// Awaits a write that stores a zone: false when the database refused the zone.
export async function storeZone(write: PromiseLike<unknown>): Promise<boolean> {
  try {
    await write
    return true
  } catch (err) {
    if (unknownTimeZone(err)) return false
    throw err
  }
}
