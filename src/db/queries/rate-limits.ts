import { sql } from 'drizzle-orm'
import type { Db } from '../client'
import { rateLimits } from '../schema'

// Counts one hit in each bucket's current window and returns every bucket's count, in one
// statement: concurrent requests each get their own increment, never a shared stale read.
export function countHits(db: Db, buckets: string[], windowStart: Date) {
  return countHitsIn(db, buckets.map((bucket) => ({ bucket, windowStart })))
}

// The same, for buckets whose windows differ (the API's 10-second and one-minute limits).
export function countHitsIn(db: Db, windows: { bucket: string; windowStart: Date }[]) {
  return db
    .insert(rateLimits)
    .values(windows.map((w) => ({ ...w, hits: 1 })))
    .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ bucket: rateLimits.bucket, hits: rateLimits.hits })
}

