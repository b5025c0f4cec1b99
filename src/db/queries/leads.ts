import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { countryOf } from '../../domain/contacts/schemas'
import { assertIdentity, LEAD_FIELDS, leadValues, type LeadListQuery, type LeadPatch } from '../../domain/leads/schemas'
import { eventTypeFor, tagDiff } from '../../domain/records/changes'
import { canSeeLeads, type Viewer } from '../../domain/records/viewer'
import { OPEN_LEAD_STATUSES } from '../../domain/records/vocab'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError } from '../../lib/errors'
import type { Db } from '../client'
import { foreignKeyViolation, uniqueFieldError } from '../errors'
import { leads, tenants } from '../schema'
import { eventWhen, historyWhen, stamped } from './records/changes'
import { ownerName, tagsColumn } from './records/columns'
import { cappedCount, columnsFor, commonFilters, keysetAfter, keysetOrder, pageOf, visibleTo, type PartialRows, type Sort, type SortColumn } from './records/list'
import { setTagsWhen } from './records/tags'
import { listFilterSql } from './views/compile'
import type { FilterNode } from '../../domain/views/filter'

type SortDef = SortColumn & { defaultDir: 'asc' | 'desc'; value: (r: LeadRow) => unknown }

// "name" orders by last name alone (then id), so the keyset cursor stays one value; leads known
// only by a first name or a company come last.
const SORTS: Record<string, SortDef> = {
  created: { column: leads.createdAt, kind: 'time', nullable: false, defaultDir: 'desc', value: (r) => r.createdAt },
  name: { column: leads.lastName, kind: 'text', nullable: true, defaultDir: 'asc', value: (r) => r.lastName },
  score: { column: leads.score, kind: 'number', nullable: false, defaultDir: 'desc', value: (r) => r.score },
  lastContacted: { column: leads.lastContactedAt, kind: 'time', nullable: true, defaultDir: 'desc', value: (r) => r.lastContactedAt },
}

const sortOf = (f: LeadListQuery): Sort & SortDef => {
  const s = SORTS[f.sort ?? 'created'] ?? (SORTS.created as SortDef)
  return { ...s, dir: f.dir ?? s.defaultDir }
}

const row = {
  id: leads.id,
  firstName: leads.firstName,
  lastName: leads.lastName,
  email: leads.email,
  emailNormalized: leads.emailNormalized,
  phone: leads.phone,
  phoneE164: leads.phoneE164,
  phoneDigits: leads.phoneDigits,
  title: leads.title,
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
  status: leads.status,
  score: leads.score,
  scoreBreakdown: leads.scoreBreakdown,
  scoredAt: leads.scoredAt,
  ownerId: leads.ownerId,
  ownerName: ownerName('leads'),
  lastContactedAt: leads.lastContactedAt,
  convertedAt: leads.convertedAt,
  convertedContactId: leads.convertedContactId,
  convertedAccountId: leads.convertedAccountId,
  convertedOpportunityId: leads.convertedOpportunityId,
  custom: leads.custom,
  tags: tagsColumn('leadId', 'leads'),
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  archivedAt: leads.archivedAt,
}

// Support works with customers, not the sales funnel: no lead is theirs to see, in any query.
// Reps in "own" mode see only the leads they own.
export function leadScope(tenantId: string, viewer: Viewer): SQL | undefined {
  return and(eq(leads.tenantId, tenantId), canSeeLeads(viewer) ? visibleTo(leads.ownerId, viewer) : sql`false`)
}

function listWhere(tenantId: string, viewer: Viewer, f: LeadListQuery, view?: FilterNode) {
  const open = f.status === 'open'
  return and(
    leadScope(tenantId, viewer),
    isNull(leads.archivedAt),
    listFilterSql('leads', { tenantId, viewer }, f.filter, view),
    open ? inArray(leads.status, OPEN_LEAD_STATUSES) : undefined,
    f.source ? eq(leads.source, f.source) : undefined,
    ...commonFilters({ ...f, status: open ? undefined : f.status }, viewer, { tenantId, id: leads.id, ownerId: leads.ownerId, status: leads.status, createdAt: leads.createdAt, lastContactedAt: leads.lastContactedAt, tagTarget: 'leadId' }),
  )
}

// The statements of one list page, for the caller to batch with whatever else the page needs.
// `view` is the filter of the saved view the list shows, if any.
export function listLeadsQueries(db: Db, tenantId: string, viewer: Viewer, f: LeadListQuery & PartialRows, view?: FilterNode) {
  const sort = sortOf(f)
  const where = listWhere(tenantId, viewer, f, view)
  return {
    page: (rows: LeadRow[]) => pageOf(rows, f.limit, sort.value),
    rows: db.select(columnsFor(row, f.fields, sort.column)).from(leads).where(and(where, keysetAfter(sort, leads.id, f.cursor))).orderBy(...keysetOrder(sort, leads.id)).limit(f.limit + 1),
    count: cappedCount(db, leads, where),
  }
}

export const getLeadQuery = (db: Db, tenantId: string, viewer: Viewer, id: string) => db.select(row).from(leads).where(and(leadScope(tenantId, viewer), eq(leads.id, id)))

export type LeadRow = Awaited<ReturnType<typeof getLeadQuery>>[number]

export const NO_SUCH_LEAD = 'No such lead in this workspace.'

export async function getLead(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<LeadRow> {
  const [found] = await getLeadQuery(db, tenantId, viewer, id)
  if (!found) throw new AppError('NOT_FOUND', NO_SUCH_LEAD)
  return found
}

// The workspace's default country, for reading phone numbers typed without a country code.
export const countryQuery = (db: Db, tenantId: string) => db.select({ country: tenants.defaultCountry }).from(tenants).where(eq(tenants.id, tenantId))

const UNKNOWN_OWNER = { path: 'ownerId', message: 'Choose a member of this workspace.' }

// Another live lead already has the email or phone this change gives (leads_email_key,
// leads_phone_key), or the owner is someone of another workspace (leads_owner_fk, the composite
// key to memberships): a 422 on that field, never a 500.
function rethrowTakenKey(err: unknown): never {
  const field = uniqueFieldError(err) ?? (foreignKeyViolation(err) === 'leads_owner_fk' ? UNKNOWN_OWNER : null)
  throw field ? new AppError('VALIDATION', 'Some fields need attention.', [field]) : err
}

const conflict = () => new AppError('CONFLICT', 'Someone else changed this lead a moment ago. Reload it and try again.')

// One change: a guarded update, its single timeline event, status history and tags, in one batch.
// Returns false when nothing changed (no event is written for a no-op save).
export async function updateLead(db: Db, tenantId: string, viewer: Viewer, id: string, input: LeadPatch): Promise<boolean> {
  const [[before], [tenant]] = await db.batch([getLeadQuery(db, tenantId, viewer, id), countryQuery(db, tenantId)])
  if (!before) throw new AppError('NOT_FOUND', NO_SUCH_LEAD)
  // Conversion is final: what the lead became still points back at it.
  if (before.status === 'converted' && input.status !== undefined) {
    throw new AppError('VALIDATION', 'Some fields need attention.', [{ path: 'status', message: 'This lead is converted; its status can no longer change.' }])
  }
  const values = leadValues(input, countryOf(tenant?.country), before)
  assertIdentity({ ...before, ...values })
  const diff = { ...fieldDiff(before, values, LEAD_FIELDS), ...tagDiff(before.tags.map((t) => t.name), input.tags) }
  if (!Object.keys(diff).length) return false
  const stamp = new Date()
  const applied = stamped(leads, tenantId, id, stamp)
  const [updated] = await db
    .batch([
      db
        .update(leads)
        .set({ ...values, updatedAt: stamp })
        .where(and(leadScope(tenantId, viewer), eq(leads.id, id), eq(leads.updatedAt, before.updatedAt)))
        .returning({ id: leads.id }),
      eventWhen(db, tenantId, { entityType: 'lead', entityId: id, eventType: eventTypeFor(diff), actorUserId: viewer.userId, payload: { changes: diff } }, applied),
      ...historyWhen(db, tenantId, 'lead', id, viewer.userId, diff, applied),
      ...(input.tags ? setTagsWhen(db, tenantId, 'leadId', id, input.tags, applied) : []),
    ])
    .catch(rethrowTakenKey)
  if (!updated.length) throw conflict()
  return true
}

export async function setLeadArchived(db: Db, tenantId: string, viewer: Viewer, id: string, archived: boolean): Promise<void> {
  const before = await getLead(db, tenantId, viewer, id)
  if ((before.archivedAt !== null) === archived) return
  const stamp = new Date()
  const [updated] = await db.batch([
    db
      .update(leads)
      .set({ archivedAt: archived ? stamp : null, updatedAt: stamp })
      // A merged record comes back only by undoing its merge (POST /merges/:id/undo).
      .where(and(leadScope(tenantId, viewer), eq(leads.id, id), eq(leads.updatedAt, before.updatedAt), archived ? undefined : isNull(leads.mergedIntoId)))
      .returning({ id: leads.id }),
    eventWhen(db, tenantId, { entityType: 'lead', entityId: id, eventType: archived ? 'archived' : 'restored', actorUserId: viewer.userId, payload: {} }, stamped(leads, tenantId, id, stamp)),
  ])
  if (!updated.length) throw conflict()
}
