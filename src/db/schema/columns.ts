import { timestamp } from 'drizzle-orm/pg-core'

// Shared column builders, so every table spells its timestamps the same way (always timestamptz).
export const timestamptz = () => timestamp({ withTimezone: true, mode: 'date' })
export const createdAt = () => timestamptz().notNull().defaultNow()
export const updatedAt = () => timestamptz().notNull().defaultNow()
