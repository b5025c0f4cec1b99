import { index, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, updatedAt } from './columns'
import { tenants } from './tenants'

// A sales process. A workspace has one or more, each with its ordered stages.
export const pipelines = pgTable(
  'pipelines',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    name: text().notNull(),
    position: smallint().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('pipelines_position_idx').on(t.tenantId, t.position)],
)
