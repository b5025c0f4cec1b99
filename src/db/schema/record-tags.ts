import { sql } from 'drizzle-orm'
import { foreignKey, index, pgTable, primaryKey, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt } from './columns'
import { relatedColumns, relatedConstraints } from './related'
import { tags } from './tags'
import { tenants } from './tenants'

// A tag on one account, contact, lead or opportunity. A tag is on a record at most once.
export const recordTags = pgTable(
  'record_tags',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    tagId: uuid().notNull(),
    ...relatedColumns(),
    createdAt: createdAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'record_tags_tag_fk', columns: [t.tenantId, t.tagId], foreignColumns: [tags.tenantId, tags.id] }).onDelete('cascade'),
    ...relatedConstraints('record_tags', t, { required: true, sortColumn: t.tagId }),
    uniqueIndex('record_tags_once_key').on(t.tenantId, t.tagId, sql`coalesce(${t.accountId}, ${t.contactId}, ${t.leadId}, ${t.opportunityId})`),
    // "Records with this tag" filters.
    index('record_tags_tag_idx').on(t.tenantId, t.tagId),
  ],
)
