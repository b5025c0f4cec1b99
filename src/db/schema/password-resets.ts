import { pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, timestamptz } from './columns'
import { users } from './users'

// A password-reset link: single use (used_at), short-lived (expires_at), stored as a hash.
export const passwordResets = pgTable('password_resets', {
  id: uuid().primaryKey().$defaultFn(newId),
  userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text().notNull().unique('password_resets_token_hash_key'),
  createdAt: createdAt(),
  expiresAt: timestamptz().notNull(),
  usedAt: timestamptz(),
})
