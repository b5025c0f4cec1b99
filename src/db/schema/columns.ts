import { jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core'

// Shared column builders, so every table spells its timestamps the same way (always timestamptz).
export const timestamptz = () => timestamp({ withTimezone: true, mode: 'date' })
export const createdAt = () => timestamptz().notNull().defaultNow()
export const updatedAt = () => timestamptz().notNull().defaultNow()

// Millisecond precision, like the JS Date that carries a value into a keyset cursor or an
// optimistic-concurrency check: a microsecond value truncated on the way would never match.
export const msTimestamp = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 })

// The columns every core record (account, contact, lead, ...) carries. created_by is null for
// records made by the system (imports, form submissions).
export const recordColumns = () => ({
  createdAt: msTimestamp().notNull().defaultNow(),
  updatedAt: msTimestamp().notNull().defaultNow(),
  createdBy: uuid(),
  archivedAt: msTimestamp(),
})

// Custom fields, as a JSON object of field key to value.
export const customColumn = () => jsonb().$type<Record<string, unknown>>().notNull().default({})

// A person's name and how to reach them, shared by contacts and leads. Email and phone are kept
// as typed and, normalised, in their own columns, which search and dedupe match on.
export const personColumns = () => ({
  firstName: text(),
  lastName: text(),
  email: text(),
  emailNormalized: text(),
  phone: text(),
  phoneE164: text(),
  phoneDigits: text(),
  title: text(),
})
