import { sql } from 'drizzle-orm'
import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, timestamptz } from './columns'
import { memberships } from './memberships'

// A personal API token: acts as its user, with that user's role, in one workspace. Shown once;
// only its SHA-256 is kept, plus a short prefix so people can tell their tokens apart.
export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().$defaultFn(newId),
    userId: uuid().notNull(),
    name: text().notNull(),
    tokenHash: text().notNull().unique('api_tokens_token_hash_key'),
    tokenPrefix: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz(),
    revokedAt: timestamptz(),
    // What the token may do: 'read' and/or 'write' across the API, or per module ('leads:read',
    // 'leads:write'). Tokens made before scopes existed could do everything, so they keep both.
    scopes: text().array().notNull().default(sql`'{read,write}'::text[]`),
    // Past this time the token is refused as if revoked; null never expires.
    expiresAt: timestamptz(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [memberships.tenantId, memberships.userId] }).onDelete('cascade'),
    index('api_tokens_user_idx').on(t.tenantId, t.userId),
  ],
)
