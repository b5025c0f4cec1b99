import { sql } from 'drizzle-orm'
import { boolean, check, date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { ROLE_SQL_LIST } from './check-lists'
import { ROLES } from '../../domain/access/roles'
import { createdAt, timestamptz, updatedAt } from './columns'
import { tenants } from './tenants'
import { users } from './users'

// A user's place in a workspace: their role, and whether they may still sign in to it.
export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: ROLES }).notNull(),
    deactivatedAt: timestamptz(),
    lastLoginAt: timestamptz(),
    // The daily digest, per workspace: whether the member wants it, the last local day it was
    // sent for, and the claim lease of the cron run that is sending today's.
    digestEnabled: boolean().notNull().default(true),
    digestSentOn: date({ mode: 'string' }),
    digestClaimedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_valid', sql`${t.role} in ${ROLE_SQL_LIST}`),
  ],
)
