import { sql } from 'drizzle-orm'
import { check, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { CONTACT_STATUSES, type ContactStatus } from '../../domain/records/vocab'
import { newId } from '../../lib/ids'
import { accounts } from './accounts'
import { sqlLiteralList } from './check-lists'
import { customColumn, msTimestamp, personColumns, recordColumns } from './columns'
import { memberKey, recordKey } from './keys'
import { SEARCH_INDEX, searchVector } from './search'
import { tenants } from './tenants'

// People at accounts. Email and phone are kept as typed and, normalised, in their own indexed
// columns, which is what search and dedupe match on.
export const contacts = pgTable(
  'contacts',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    ...personColumns(),
    accountId: uuid(),
    ownerId: uuid(),
    status: text().$type<ContactStatus>().notNull().default('prospect'),
    lastContactedAt: msTimestamp(),
    custom: customColumn(),
    // Set when this contact was merged into another; the row stays so the merge can be undone.
    mergedIntoId: uuid(),
    searchVector: searchVector(['first_name', 'last_name'], ['email_normalized']),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    recordKey('contacts_account_fk', t.tenantId, t.accountId, accounts),
    memberKey('contacts_owner_fk', t.tenantId, t.ownerId),
    recordKey('contacts_merged_into_fk', t.tenantId, t.mergedIntoId, { tenantId: t.tenantId, id: t.id }),
    memberKey('contacts_created_by_fk', t.tenantId, t.createdBy),
    check('contacts_status_valid', sql`${t.status} in ${sqlLiteralList(CONTACT_STATUSES)}`),
    check('contacts_email_normalised', sql`${t.emailNormalized} = lower(btrim(${t.emailNormalized}))`),
    // Lists by owner, newest first, in the keyset order; a status filter is checked in the index.
    index('contacts_owner_created_idx').on(t.tenantId, t.ownerId, t.createdAt.desc(), t.id.desc(), t.status),
    index('contacts_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('contacts_name_idx').on(t.tenantId, t.lastName, t.firstName, t.id),
    index('contacts_last_contacted_idx').on(t.tenantId, t.lastContactedAt, t.id),
    index('contacts_account_idx').on(t.tenantId, t.accountId),
    // text_pattern_ops: search matches an email by its start (LIKE 'ada.l%') whatever the collation.
    index('contacts_email_idx').on(t.tenantId, t.emailNormalized.op('text_pattern_ops')),
    index('contacts_phone_idx').on(t.tenantId, t.phoneDigits),
    // Form capture attaches a submission to the contact with its exact email or phone.
    index('contacts_phone_e164_idx').on(t.tenantId, t.phoneE164).where(sql`${t.phoneE164} is not null`),
    // Possible duplicates: similar person names, by trigram similarity within the workspace.
    index('contacts_name_trgm_idx').using('gin', t.tenantId, sql`(lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))) gin_trgm_ops`),
    index('contacts_search_idx').using('gin', t.searchVector).with(SEARCH_INDEX),
    // Short searches (a word of up to 3 characters) read names by their start, in order, and stop
    // at the page size.
    index('contacts_first_name_prefix_idx').on(t.tenantId, sql`lower(${t.firstName}) text_pattern_ops`),
    index('contacts_last_name_prefix_idx').on(t.tenantId, sql`lower(${t.lastName}) text_pattern_ops`),
  ],
)
