import { sql } from 'drizzle-orm'
import { check, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, timestamptz, updatedAt } from './columns'

// A person. Global, not tenant data: one login can belong to several workspaces through
// memberships, which is where tenant_id, the role and deactivation live.
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    // Stored normalised (trimmed, lower-cased) so the unique index is the duplicate check.
    email: text().notNull().unique('users_email_key'),
    name: text().notNull(),
    passwordHash: text().notNull(),
    // IANA zone name (Europe/Berlin) for the daily digest; null means the workspace's.
    timezone: text(),
    passwordChangedAt: timestamptz().notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [check('users_email_normalised', sql`${t.email} = lower(btrim(${t.email}))`)],
)
