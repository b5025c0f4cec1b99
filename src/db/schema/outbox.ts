import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, timestamptz } from './columns'
import { tenants } from './tenants'

// Every email is written here first. The unique idempotency key is what makes sending
// exactly-once: a retried job finds the row instead of writing a second one. tenant_id is null
// for mail that belongs to a person rather than a workspace (password resets).
export const outbox = pgTable(
  'outbox',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    tenantId: uuid().references(() => tenants.id, { onDelete: 'cascade' }),
    idempotencyKey: text().notNull().unique('outbox_idempotency_key_key'),
    toAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    status: text({ enum: ['queued', 'sent', 'failed'] }).notNull().default('queued'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    providerMessageId: text(),
    createdAt: createdAt(),
    sentAt: timestamptz(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    index('outbox_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('outbox_status_idx').on(t.status, t.createdAt),
    check('outbox_status_valid', sql`${t.status} in ('queued', 'sent', 'failed')`),
  ],
)
