import { pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, updatedAt } from './columns'

// A workspace. Every other table carries tenant_id and references this one.
export const tenants = pgTable('tenants', {
  id: uuid().primaryKey().$defaultFn(newId),
  name: text().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})
