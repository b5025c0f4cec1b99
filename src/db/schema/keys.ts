import { foreignKey, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { memberships } from './memberships'

// Composite foreign keys, kept apart from columns.ts because memberships itself uses those columns.

// A person column that must be a member of the same workspace: a composite foreign key to
// memberships (tenant_id, user_id), so a record can never be owned by someone from another tenant.
export const memberKey = (name: string, tenantId: AnyPgColumn, userId: AnyPgColumn) =>
  foreignKey({ name, columns: [tenantId, userId], foreignColumns: [memberships.tenantId, memberships.userId] })

// A link to another record of the same workspace, by (tenant_id, id).
export const recordKey = (name: string, tenantId: AnyPgColumn, id: AnyPgColumn, target: { tenantId: AnyPgColumn; id: AnyPgColumn }) =>
  foreignKey({ name, columns: [tenantId, id], foreignColumns: [target.tenantId, target.id] })
