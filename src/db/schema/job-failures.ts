import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns'
import { tenants } from './tenants'

// Our own record of jobs that failed, because the queue keeps none we can read: the consumer
// upserts a row on every failed attempt (with the error), and the dead-letter consumer marks it
// dead when the queue gives up. The admin Jobs page lists dead rows, retries or discards them, and
// counts the rest as backlog. Keyed by job type and idempotency key, which identify a job across
// redeliveries (send-email reuses its outbox key, so the key alone is not unique across types).
export const jobFailures = pgTable(
  'job_failures',
  {
    type: text().notNull(),
    key: text().notNull(),
    // Null for system jobs (heartbeat, cleanup).
    tenantId: uuid().references(() => tenants.id, { onDelete: 'cascade' }),
    body: jsonb().$type<Record<string, unknown>>().notNull(),
    attempts: integer().notNull().default(1),
    lastError: text().notNull(),
    firstFailedAt: timestamptz().notNull().defaultNow(),
    lastFailedAt: timestamptz().notNull().defaultNow(),
    deadAt: timestamptz(),
    // Set by Retry (re-enqueued) or Discard from the admin page; the row then leaves the list.
    resolvedAt: timestamptz(),
    resolution: text({ enum: ['retried', 'discarded', 'succeeded'] }),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [primaryKey({ columns: [t.type, t.key] }), index('job_failures_open_idx').on(t.deadAt, t.lastFailedAt).where(sql`resolved_at is null`)],
)
