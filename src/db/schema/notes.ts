import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { recordColumns } from './columns'
import { memberKey } from './keys'
import { relatedConstraints, relatedColumns } from './related'
import { SEARCH_INDEX, searchVector } from './search'
import { tenants } from './tenants'

// Plain-text notes on exactly one record. Links are made clickable when rendered, never stored
// as HTML.
export const notes = pgTable(
  'notes',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    body: text().notNull(),
    searchVector: searchVector(['body']),
    ...relatedColumns(),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('notes_created_by_fk', t.tenantId, t.createdBy),
    ...relatedConstraints('notes', t, { required: true, sortColumn: t.createdAt }),
    index('notes_search_idx').using('gin', t.searchVector).with(SEARCH_INDEX),
  ],
)
