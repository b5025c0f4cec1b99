import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

// Fixed-window counters for public endpoints: one upsert (INSERT ... ON CONFLICT DO UPDATE
// SET hits = hits + 1 RETURNING hits) counts and reads in a single statement, so concurrent
// requests cannot both see the old count. `bucket` names what is limited ("form:<id>:ip:<hash>").
// The hourly cleanup drops finished windows.
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text().notNull(),
    windowStart: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    hits: integer().notNull().default(1),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
)
