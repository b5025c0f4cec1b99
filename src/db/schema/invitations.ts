import { sql } from 'drizzle-orm'
import { check, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { ROLE_SQL_LIST } from './check-lists'
import { ROLES } from '../../domain/access/roles'
import { createdAt, timestamptz } from './columns'
import { memberships } from './memberships'
import { tenants } from './tenants'

// An invitation to join a workspace with a role. The link's token is single-use and expires;
// only its hash is stored.
export const invitations = pgTable(
  'invitations',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    email: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    tokenHash: text().notNull().unique('invitations_token_hash_key'),
    invitedBy: uuid().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamptz().notNull(),
    acceptedAt: timestamptz(),
    revokedAt: timestamptz(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.invitedBy], foreignColumns: [memberships.tenantId, memberships.userId] }),
    index('invitations_tenant_email_idx').on(t.tenantId, t.email),
    check('invitations_role_valid', sql`${t.role} in ${ROLE_SQL_LIST}`),
  ],
)
