import * as z from 'zod'

// The zones offered in settings: every IANA zone the runtime knows, and UTC first, which some
// runtimes leave out of Intl's list.
export const TIME_ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])]

const KNOWN = new Set(TIME_ZONES)

// A zone as people read it: "America/New York".
export const zoneLabel = (zone: string): string => zone.replaceAll('_', ' ')

// The runtime's own spelling of a zone name, or null when it is not a zone of the list. Intl
// accepts aliases and any letter case ("us/eastern"), and storing its canonical form keeps one
// name per zone. It also accepts offsets such as "+05:00", which PostgreSQL reads as POSIX zones
// with the sign flipped, so only names on the list pass.
export function canonicalTimeZone(name: string): string | null {
  try {
    const zone = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone
    return KNOWN.has(zone) ? zone : null
  } catch {
    return null
  }
}

const UNKNOWN_ZONE = 'Choose a time zone from the list, such as Europe/Berlin or America/New_York.'

// An IANA zone name, stored canonical. The database is asked once more when it is saved (see
// zoneKnownToDb): a zone it did not know would break every digest claim, not only this one.
export const timeZoneField = () =>
  z
    .string(UNKNOWN_ZONE)
    .trim()
    .max(64, UNKNOWN_ZONE)
    .transform((name, ctx) => {
      const zone = canonicalTimeZone(name)
      if (!zone) ctx.addIssue({ code: 'custom', message: UNKNOWN_ZONE })
      return zone ?? z.NEVER
    })

// Said when the database refuses a zone Intl knows (its tz data is older than the runtime's).
export const ZONE_UNKNOWN_TO_DB = { path: 'timezone', message: 'This time zone is too new for our database. Choose a nearby zone with the same time.' }
