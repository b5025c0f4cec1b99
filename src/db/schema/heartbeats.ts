import { pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns'

// Proof of life for the cron → queue → consumer loop. System plumbing, not tenant data, so it is
// the one table without tenant_id. The key is the idempotency key of the job that wrote the row.
export const heartbeats = pgTable('heartbeats', {
  key: text().primaryKey(),
  scheduledAt: timestamptz().notNull(),
  receivedAt: createdAt(),
})
