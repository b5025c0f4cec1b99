import { sql } from 'drizzle-orm'
import { boolean, check, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { msTimestamp } from './columns'
import { memberKey } from './keys'
import { tenants } from './tenants'

// A saved list filter (a view, which doubles as a segment). The filter is a document in the
// filter language (src/domain/views), validated by its zod schema on every write and compiled to
// SQL on every read, so it is never concatenated into a query. builtin_key marks the views every
// workspace starts with ("my-open-leads", ...), which are recreated by key rather than by name.
export const savedViews = pgTable(
  'saved_views',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    entity: text({ enum: ['accounts', 'contacts', 'leads', 'opportunities', 'tasks'] }).notNull(),
    name: text().notNull(),
    // personal: only its owner sees it. team and workspace: every member sees it; team views are
    // editable by every member, workspace views only by managers and admins (and locked ones by
    // admins only).
    visibility: text({ enum: ['personal', 'team', 'workspace'] }).notNull().default('personal'),
    ownerId: uuid().notNull(),
    filter: jsonb().$type<Record<string, unknown>>().notNull(),
    sort: text(),
    locked: boolean().notNull().default(false),
    builtinKey: text(),
    createdAt: msTimestamp().notNull().defaultNow(),
    updatedAt: msTimestamp().notNull().defaultNow(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('saved_views_owner_fk', t.tenantId, t.ownerId),
    index('saved_views_entity_idx').on(t.tenantId, t.entity, t.name),
    check('saved_views_entity_valid', sql`${t.entity} in ('accounts', 'contacts', 'leads', 'opportunities', 'tasks')`),
    check('saved_views_visibility_valid', sql`${t.visibility} in ('personal', 'team', 'workspace')`),
  ],
)
