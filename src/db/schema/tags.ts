import { sql } from 'drizzle-orm'
import { check, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { TAG_COLOURS, type TagColour } from '../../domain/records/vocab'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { createdAt, updatedAt } from './columns'
import { tenants } from './tenants'

// A workspace's labels. Names are unique regardless of case, so "VIP" and "vip" are one tag.
export const tags = pgTable(
  'tags',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    name: text().notNull(),
    colour: text().$type<TagColour>().notNull().default('gray'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('tags_name_key').on(t.tenantId, sql`lower(${t.name})`),
    check('tags_colour_valid', sql`${t.colour} in ${sqlLiteralList(TAG_COLOURS)}`),
    check('tags_name_length', sql`char_length(${t.name}) between 1 and 40`),
  ],
)
