import { and, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { MovedKind } from '../../domain/dedupe/merge'
import type { MergeEntity, MergeValues } from '../../domain/dedupe/merge-fields'
import { canSeeLeads, seesOnlyOwn, type Viewer } from '../../domain/records/viewer'
import type { Db } from '../client'
import { accounts, activities, contacts, formSubmissions, leads, notes, opportunities, tasks } from '../schema'
import { NO_SUCH_CONTACT } from './contacts'
import { leadScope, NO_SUCH_LEAD } from './leads'
import { ownerName, tagsColumn, type TagChip } from './records/columns'
import { visibleTo, type TagTarget } from './records/list'

// What merging differs in between leads and contacts: the table, who may see a row, the tables
// whose rows hang off a record (and so move to the survivor), and the row the merge reads.

type RecordTable = PgTable & { tenantId: AnyColumn; id: AnyColumn; ownerId: AnyColumn; mergedIntoId: AnyColumn; emailNormalized: AnyColumn; createdAt: AnyColumn; updatedAt: AnyColumn; archivedAt: AnyColumn }

// A record as the compare page and the merge read it.
export type MergeRecord = MergeValues & {
  id: string
  firstName: string | null
  lastName: string | null
  email: string | null
  status: string
  ownerId: string | null
  ownerName: string | null
  tags: TagChip[]
  createdAt: Date
  updatedAt: Date
  archivedAt: Date | null
  mergedIntoId: string | null
}

export type MergeTarget = {
  entity: MergeEntity
  path: 'leads' | 'contacts'
  table: RecordTable
  // The record's column in every table that links to it (notes, tasks, record_tags, ...).
  link: 'lead_id' | 'contact_id'
  tagTarget: TagTarget
  // Rows that move to the survivor, besides tags.
  children: { kind: MovedKind; table: PgTable }[]
  noSuch: string
  // Who may see a row, as a drizzle condition on the table and as raw SQL on an alias of it.
  scope: (tenantId: string, viewer: Viewer) => SQL | undefined
  visibleAs: (alias: string, viewer: Viewer) => SQL
  // An update of the record with values in the entity's own shape (camelCase column keys).
  update: (db: Db, set: Record<string, unknown>, where: SQL | undefined) => BatchItem<'pg'>
  records: (db: Db, tenantId: string, viewer: Viewer, ids: string[]) => BatchItem<'pg'> & PromiseLike<MergeRecord[]>
  // Name parts of a row of this table aliased `alias`, as JSON, for lists and notices.
  nameParts: (alias: string) => SQL
}

const ownOnly = (alias: string, viewer: Viewer) => (seesOnlyOwn(viewer) ? sql`${sql.identifier(alias)}.owner_id = ${viewer.userId}` : sql`true`)

const common = <T extends typeof leads | typeof contacts>(t: T) => ({
  id: t.id,
  firstName: t.firstName,
  lastName: t.lastName,
  email: t.email,
  phone: t.phone,
  title: t.title,
  status: t.status,
  ownerId: t.ownerId,
  custom: t.custom,
  emailNormalized: t.emailNormalized,
  phoneE164: t.phoneE164,
  phoneDigits: t.phoneDigits,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  archivedAt: t.archivedAt,
  mergedIntoId: t.mergedIntoId,
})

const leadColumns = {
  ...common(leads),
  companyName: leads.companyName,
  companyDomain: leads.companyDomain,
  website: leads.website,
  industry: leads.industry,
  companySize: leads.companySize,
  country: leads.country,
  source: leads.source,
  utmSource: leads.utmSource,
  utmMedium: leads.utmMedium,
  utmCampaign: leads.utmCampaign,
  utmTerm: leads.utmTerm,
  utmContent: leads.utmContent,
  ownerName: ownerName('leads'),
  tags: tagsColumn('leadId', 'leads'),
}

const contactColumns = {
  ...common(contacts),
  accountId: contacts.accountId,
  accountName: sql<string | null>`(select a.name from ${accounts} a where a.tenant_id = "contacts".tenant_id and a.id = "contacts".account_id)`,
  ownerName: ownerName('contacts'),
  tags: tagsColumn('contactId', 'contacts'),
}

const contactScope = (tenantId: string, viewer: Viewer) => and(eq(contacts.tenantId, tenantId), visibleTo(contacts.ownerId, viewer))

const nameJson = (alias: string, company: boolean) => {
  const a = sql.identifier(alias)
  return sql`json_build_object('firstName', ${a}.first_name, 'lastName', ${a}.last_name, 'email', ${a}.email${company ? sql`, 'companyName', ${a}.company_name` : sql``})`
}

export const MERGE_TARGETS: Record<MergeEntity, MergeTarget> = {
  lead: {
    entity: 'lead',
    path: 'leads',
    table: leads,
    link: 'lead_id',
    tagTarget: 'leadId',
    children: [
      { kind: 'notes', table: notes },
      { kind: 'tasks', table: tasks },
      { kind: 'activities', table: activities },
      { kind: 'submissions', table: formSubmissions },
    ],
    noSuch: NO_SUCH_LEAD,
    scope: leadScope,
    visibleAs: (alias, viewer) => (canSeeLeads(viewer) ? ownOnly(alias, viewer) : sql`false`),
    update: (db, set, where) => db.update(leads).set(set as Partial<typeof leads.$inferInsert>).where(where),
    records: (db, tenantId, viewer, ids) => db.select(leadColumns).from(leads).where(and(leadScope(tenantId, viewer), inArray(leads.id, ids))),
    nameParts: (alias) => nameJson(alias, true),
  },
  contact: {
    entity: 'contact',
    path: 'contacts',
    table: contacts,
    link: 'contact_id',
    tagTarget: 'contactId',
    children: [
      { kind: 'notes', table: notes },
      { kind: 'tasks', table: tasks },
      { kind: 'activities', table: activities },
      { kind: 'submissions', table: formSubmissions },
      { kind: 'opportunities', table: opportunities },
    ],
    noSuch: NO_SUCH_CONTACT,
    scope: contactScope,
    visibleAs: ownOnly,
    update: (db, set, where) => db.update(contacts).set(set as Partial<typeof contacts.$inferInsert>).where(where),
    records: (db, tenantId, viewer, ids) => db.select(contactColumns).from(contacts).where(and(contactScope(tenantId, viewer), inArray(contacts.id, ids))),
    nameParts: (alias) => nameJson(alias, false),
  },
}

export const targetOf = (path: string): MergeTarget | undefined => Object.values(MERGE_TARGETS).find((t) => t.path === path)
