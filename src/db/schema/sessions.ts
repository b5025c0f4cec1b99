import { foreignKey, index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, timestamptz } from './columns'
import { memberships } from './memberships'
import { users } from './users'

// A signed-in browser. Only the SHA-256 of the cookie token is stored, so a database leak does
// not hand out live sessions. tenant_id is the active workspace, switched server-side.
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    tokenHash: text().notNull().unique('sessions_token_hash_key'),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid().notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamptz().notNull().defaultNow(),
    expiresAt: timestamptz().notNull(),
    revokedAt: timestamptz(),
    userAgent: text(),
    ip: text(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [memberships.tenantId, memberships.userId] }).onDelete('cascade'),
    index('sessions_user_idx').on(t.userId),
  ],
)
