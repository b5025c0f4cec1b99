import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm'
import { CONTACT_FIELDS, contactValues, countryOf, nameIssue, type ContactListQuery, type ContactPatch } from '../../domain/contacts/schemas'
import { eventTypeFor, tagDiff } from '../../domain/records/changes'
import { canSeeAmounts, type Viewer } from '../../domain/records/viewer'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError, type FieldError } from '../../lib/errors'
import type { Db } from '../client'
import { foreignKeyViolation } from '../errors'
import { accounts, contacts, opportunities, tasks, tenants } from '../schema'
import { eventWhen, historyWhen, stamped } from './records/changes'
import { ownerName, tagsColumn } from './records/columns'
import { cappedCount, columnsFor, commonFilters, keysetAfter, keysetOrder, pageOf, visibleTo, type PartialRows, type Sort, type SortColumn } from './records/list'
import { setTagsWhen } from './records/tags'
import { listFilterSql } from './views/compile'
import type { FilterNode } from '../../domain/views/filter'

type SortDef = SortColumn & { defaultDir: 'asc' | 'desc'; value: (r: ContactRow) => unknown }

// "name" orders by last name alone (then id), so the keyset cursor stays one value; contacts
// known only by a first name come last.
const SORTS: Record<string, SortDef> = {
  created: { column: contacts.createdAt, kind: 'time', nullable: false, defaultDir: 'desc', value: (r) => r.createdAt },
  name: { column: contacts.lastName, kind: 'text', nullable: true, defaultDir: 'asc', value: (r) => r.lastName },
  lastContacted: { column: contacts.lastContactedAt, kind: 'time', nullable: true, defaultDir: 'desc', value: (r) => r.lastContactedAt },
  status: { column: contacts.status, kind: 'text', nullable: false, defaultDir: 'asc', value: (r) => r.status },
}

const sortOf = (f: ContactListQuery): Sort & SortDef => {
  const s = SORTS[f.sort ?? 'created'] ?? (SORTS.created as SortDef)
  return { ...s, dir: f.dir ?? s.defaultDir }
}

// The account's name for a row of contacts; the outer table is named (see columns.ts for why).
const accountName = sql<string | null>`(select a.name from ${accounts} a where a.tenant_id = "contacts".tenant_id and a.id = "contacts".account_id)`

const row = {
  id: contacts.id,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  email: contacts.email,
  phone: contacts.phone,
  phoneE164: contacts.phoneE164,
  title: contacts.title,
  accountId: contacts.accountId,
  accountName,
  ownerId: contacts.ownerId,
  ownerName: ownerName('contacts'),
  status: contacts.status,
  lastContactedAt: contacts.lastContactedAt,
  custom: contacts.custom,
  tags: tagsColumn('contactId', 'contacts'),
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
  archivedAt: contacts.archivedAt,
}

const scope = (tenantId: string, viewer: Viewer) => and(eq(contacts.tenantId, tenantId), visibleTo(contacts.ownerId, viewer))

function listWhere(tenantId: string, viewer: Viewer, f: ContactListQuery, view?: FilterNode) {
  return and(
    scope(tenantId, viewer),
    isNull(contacts.archivedAt),
    listFilterSql('contacts', { tenantId, viewer }, f.filter, view),
    f.accountId ? eq(contacts.accountId, f.accountId) : undefined,
    ...commonFilters(f, viewer, { tenantId, id: contacts.id, ownerId: contacts.ownerId, status: contacts.status, createdAt: contacts.createdAt, lastContactedAt: contacts.lastContactedAt, tagTarget: 'contactId' }),
  )
}

// The statements of one list page, for the caller to batch with whatever else the page needs.
// `view` is the filter of the saved view the list shows, if any.
export function listContactsQueries(db: Db, tenantId: string, viewer: Viewer, f: ContactListQuery & PartialRows, view?: FilterNode) {
  const sort = sortOf(f)
  const where = listWhere(tenantId, viewer, f, view)
  return {
    page: (rows: ContactRow[]) => pageOf(rows, f.limit, sort.value),
    rows: db.select(columnsFor(row, f.fields, sort.column)).from(contacts).where(and(where, keysetAfter(sort, contacts.id, f.cursor))).orderBy(...keysetOrder(sort, contacts.id)).limit(f.limit + 1),
    count: cappedCount(db, contacts, where),
  }
}

export const getContactQuery = (db: Db, tenantId: string, viewer: Viewer, id: string) => db.select(row).from(contacts).where(and(scope(tenantId, viewer), eq(contacts.id, id)))

export type ContactRow = Awaited<ReturnType<typeof getContactQuery>>[number]

export const NO_SUCH_CONTACT = 'No such contact in this workspace.'

export async function getContact(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<ContactRow> {
  const [found] = await getContactQuery(db, tenantId, viewer, id)
  if (!found) throw new AppError('NOT_FOUND', NO_SUCH_CONTACT)
  return found
}

// The detail page's related records, each a statement keyed on the contact id alone, so the page
// batches them with the contact itself in one round trip.
export function contactRelatedQueries(db: Db, tenantId: string, viewer: Viewer, id: string) {
  const accountOfContact = sql`(select c.account_id from ${contacts} c where c.tenant_id = ${tenantId} and c.id = ${id})`
  return {
    account: db
      .select({ id: accounts.id, name: accounts.name, domain: accounts.domain, status: accounts.status })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountOfContact), visibleTo(accounts.ownerId, viewer))),
    opportunities: db
      .select({
        id: opportunities.id,
        name: opportunities.name,
        amount: canSeeAmounts(viewer) ? opportunities.amount : sql<string | null>`null::numeric`,
        currency: opportunities.currency,
        status: opportunities.status,
        closeDate: opportunities.closeDate,
      })
      .from(opportunities)
      .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.contactId, id), isNull(opportunities.archivedAt), visibleTo(opportunities.ownerId, viewer)))
      .orderBy(desc(opportunities.createdAt))
      .limit(20),
    // Open tasks are as visible as the contact they are about.
    tasks: db
      .select({ id: tasks.id, title: tasks.title, type: tasks.type, dueAt: tasks.dueAt, assigneeName: ownerName('tasks', 'assignee_id') })
      .from(tasks)
      .where(and(eq(tasks.tenantId, tenantId), eq(tasks.contactId, id), isNull(tasks.completedAt), isNull(tasks.archivedAt)))
      .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
      .limit(20),
  }
}

const ACCOUNT_OPTIONS_LIMIT = 200

// Accounts for the form's account picker, by name, with the one already chosen always included.
export const accountOptionsQuery = (db: Db, tenantId: string, viewer: Viewer, chosen: string | null) => {
  const isChosen = chosen ? eq(accounts.id, chosen) : undefined
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), or(and(isNull(accounts.archivedAt), visibleTo(accounts.ownerId, viewer)), isChosen)))
    .orderBy(...(isChosen ? [desc(isChosen)] : []), asc(accounts.name), asc(accounts.id))
    .limit(ACCOUNT_OPTIONS_LIMIT)
}

// The workspace's default country, for reading phone numbers typed without a country code.
const countryQuery = (db: Db, tenantId: string) => db.select({ country: tenants.defaultCountry }).from(tenants).where(eq(tenants.id, tenantId))

// Composite keys (tenant_id, x_id) make another workspace's account or member fail the write:
// a 422 on the field, not a 500.
const LINK_ERRORS: Record<string, FieldError> = {
  contacts_account_fk: { path: 'accountId', message: 'No such account in this workspace.' },
  contacts_owner_fk: { path: 'ownerId', message: 'Choose a member of this workspace.' },
}

export async function batchLinking<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    const field = LINK_ERRORS[foreignKeyViolation(err) ?? '']
    throw field ? new AppError('VALIDATION', 'Some fields need attention.', [field]) : err
  }
}

const conflict = () => new AppError('CONFLICT', 'Someone else changed this contact a moment ago. Reload it and try again.')

// One change: a guarded update, its single timeline event, status history and tags, in one batch.
// Returns false when nothing changed (no event is written for a no-op save).
export async function updateContact(db: Db, tenantId: string, viewer: Viewer, id: string, input: ContactPatch): Promise<boolean> {
  const [[before], [tenant]] = await db.batch([getContactQuery(db, tenantId, viewer, id), countryQuery(db, tenantId)])
  if (!before) throw new AppError('NOT_FOUND', NO_SUCH_CONTACT)
  const values = contactValues(input, countryOf(tenant?.country))
  const nameError = nameIssue(values.firstName === undefined ? before.firstName : values.firstName, values.lastName === undefined ? before.lastName : values.lastName)
  if (nameError) throw new AppError('VALIDATION', 'Some fields need attention.', [nameError])
  const diff = { ...fieldDiff(before, values, CONTACT_FIELDS), ...tagDiff(before.tags.map((t) => t.name), input.tags) }
  if (!Object.keys(diff).length) return false
  const stamp = new Date()
  const applied = stamped(contacts, tenantId, id, stamp)
  const [updated] = await batchLinking(() =>
    db.batch([
      db
        .update(contacts)
        .set({ ...values, updatedAt: stamp })
        .where(and(scope(tenantId, viewer), eq(contacts.id, id), eq(contacts.updatedAt, before.updatedAt)))
        .returning({ id: contacts.id }),
      eventWhen(db, tenantId, { entityType: 'contact', entityId: id, eventType: eventTypeFor(diff), actorUserId: viewer.userId, payload: { changes: diff } }, applied),
      ...historyWhen(db, tenantId, 'contact', id, viewer.userId, diff, applied),
      ...(input.tags ? setTagsWhen(db, tenantId, 'contactId', id, input.tags, applied) : []),
    ]),
  )
  if (!updated.length) throw conflict()
  return true
}

export async function setContactArchived(db: Db, tenantId: string, viewer: Viewer, id: string, archived: boolean): Promise<void> {
  const before = await getContact(db, tenantId, viewer, id)
  if ((before.archivedAt !== null) === archived) return
  const stamp = new Date()
  const [updated] = await db.batch([
    db
      .update(contacts)
      .set({ archivedAt: archived ? stamp : null, updatedAt: stamp })
      // A merged record comes back only by undoing its merge (POST /merges/:id/undo).
      .where(and(scope(tenantId, viewer), eq(contacts.id, id), eq(contacts.updatedAt, before.updatedAt), archived ? undefined : isNull(contacts.mergedIntoId)))
      .returning({ id: contacts.id }),
    eventWhen(db, tenantId, { entityType: 'contact', entityId: id, eventType: archived ? 'archived' : 'restored', actorUserId: viewer.userId, payload: {} }, stamped(contacts, tenantId, id, stamp)),
  ])
  if (!updated.length) throw conflict()
}
