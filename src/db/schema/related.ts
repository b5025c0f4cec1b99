import { sql } from 'drizzle-orm'
import { check, index, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { accounts } from './accounts'
import { contacts } from './contacts'
import { recordKey } from './keys'
import { leads } from './leads'
import { opportunities } from './opportunities'

// Notes, activities, tasks and tag links can hang off any core record. Instead of a polymorphic
// (type, id) pair, which no foreign key can check, each target has its own nullable column with a
// composite foreign key: a link to another workspace's record is impossible, not just unlikely.
export const relatedColumns = () => ({
  accountId: uuid(),
  contactId: uuid(),
  leadId: uuid(),
  opportunityId: uuid(),
})

type RelatedTable = { tenantId: AnyPgColumn; accountId: AnyPgColumn; contactId: AnyPgColumn; leadId: AnyPgColumn; opportunityId: AnyPgColumn }

// The four foreign keys, a CHECK on how many targets may be set, and an index per target for
// "this record's notes" style reads. `sortColumn` orders those reads.
export function relatedConstraints(table: string, t: RelatedTable, opts: { required: boolean; sortColumn: AnyPgColumn }) {
  const count = sql`num_nonnulls(${t.accountId}, ${t.contactId}, ${t.leadId}, ${t.opportunityId})`
  return [
    recordKey(`${table}_account_fk`, t.tenantId, t.accountId, accounts),
    recordKey(`${table}_contact_fk`, t.tenantId, t.contactId, contacts),
    recordKey(`${table}_lead_fk`, t.tenantId, t.leadId, leads),
    recordKey(`${table}_opportunity_fk`, t.tenantId, t.opportunityId, opportunities),
    check(`${table}_one_related`, opts.required ? sql`${count} = 1` : sql`${count} <= 1`),
    index(`${table}_account_idx`).on(t.tenantId, t.accountId, opts.sortColumn).where(sql`${t.accountId} is not null`),
    index(`${table}_contact_idx`).on(t.tenantId, t.contactId, opts.sortColumn).where(sql`${t.contactId} is not null`),
    index(`${table}_lead_idx`).on(t.tenantId, t.leadId, opts.sortColumn).where(sql`${t.leadId} is not null`),
    index(`${table}_opportunity_idx`).on(t.tenantId, t.opportunityId, opts.sortColumn).where(sql`${t.opportunityId} is not null`),
  ]
}
