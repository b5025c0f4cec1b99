import { sql } from 'drizzle-orm'
import { check, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { ACCOUNT_STATUSES, type AccountStatus } from '../../domain/records/vocab'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { customColumn, recordColumns, msTimestamp } from './columns'
import { memberKey } from './keys'
import { SEARCH_INDEX, searchVector } from './search'
import { tenants } from './tenants'

// Organisations: the companies we sell to and support.
export const accounts = pgTable(
  'accounts',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    name: text().notNull(),
    // Lower-case hostname without www., so "https://www.Acme.com/x" and "acme.com" match.
    domain: text(),
    industry: text(),
    size: text(),
    website: text(),
    address: text(),
    ownerId: uuid(),
    status: text().$type<AccountStatus>().notNull().default('prospect'),
    lastContactedAt: msTimestamp(),
    custom: customColumn(),
    searchVector: searchVector(['name'], ['domain']),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('accounts_owner_fk', t.tenantId, t.ownerId),
    memberKey('accounts_created_by_fk', t.tenantId, t.createdBy),
    check('accounts_status_valid', sql`${t.status} in ${sqlLiteralList(ACCOUNT_STATUSES)}`),
    check('accounts_domain_normalised', sql`${t.domain} = lower(${t.domain})`),
    // Lists by owner, newest first, in the keyset order; a status filter is checked in the index.
    index('accounts_owner_created_idx').on(t.tenantId, t.ownerId, t.createdAt.desc(), t.id.desc(), t.status),
    // "Inactive customers": a status's accounts, least recently contacted first.
    index('accounts_status_contacted_idx').on(t.tenantId, t.status, t.lastContactedAt, t.id).where(sql`${t.archivedAt} is null`),
    index('accounts_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('accounts_name_idx').on(t.tenantId, t.name, t.id),
    index('accounts_last_contacted_idx').on(t.tenantId, t.lastContactedAt, t.id),
    // text_pattern_ops: search matches a domain by its start (LIKE 'acme.c%') whatever the collation.
    index('accounts_domain_idx').on(t.tenantId, t.domain.op('text_pattern_ops')),
    index('accounts_search_idx').using('gin', t.searchVector).with(SEARCH_INDEX),
    // Short searches (a word of up to 3 characters) read names by their start, in order, and stop
    // at the page size.
    index('accounts_name_prefix_idx').on(t.tenantId, sql`lower(${t.name}) text_pattern_ops`),
  ],
)
