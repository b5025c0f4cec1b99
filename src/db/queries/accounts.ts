import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { ACCOUNT_FIELDS, type AccountInput, type AccountPatch } from '../../domain/accounts/schemas'
import { eventTypeFor, tagDiff } from '../../domain/records/changes'
import type { ListFilters } from '../../domain/records/list-query'
import type { Viewer } from '../../domain/records/viewer'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { foreignKeyViolation } from '../errors'
import { accounts, contacts, opportunities } from '../schema'
import { eventWhen, historyWhen, stamped } from './records/changes'
import { ownerName, tagsColumn } from './records/columns'
import { cappedCount, columnsFor, commonFilters, keysetAfter, keysetOrder, pageOf, visibleTo, type PartialRows, type Sort, type SortColumn } from './records/list'
import { setTagsWhen } from './records/tags'
import { listFilterSql } from './views/compile'
import type { FilterNode } from '../../domain/views/filter'

const SORTS: Record<string, SortColumn & { defaultDir: 'asc' | 'desc' }> = {
  created: { column: accounts.createdAt, kind: 'time', nullable: false, defaultDir: 'desc' },
  name: { column: accounts.name, kind: 'text', nullable: false, defaultDir: 'asc' },
  lastContacted: { column: accounts.lastContactedAt, kind: 'time', nullable: true, defaultDir: 'desc' },
  status: { column: accounts.status, kind: 'text', nullable: false, defaultDir: 'asc' },
}

const sortOf = (f: ListFilters): Sort & { key: string } => {
  const key = f.sort && SORTS[f.sort] ? f.sort : 'created'
  const s = SORTS[key] as SortColumn & { defaultDir: 'asc' | 'desc' }
  return { ...s, dir: f.dir ?? s.defaultDir, key }
}

const row = {
  id: accounts.id,
  name: accounts.name,
  domain: accounts.domain,
  industry: accounts.industry,
  size: accounts.size,
  website: accounts.website,
  address: accounts.address,
  ownerId: accounts.ownerId,
  ownerName: ownerName('accounts'),
  status: accounts.status,
  lastContactedAt: accounts.lastContactedAt,
  custom: accounts.custom,
  tags: tagsColumn('accountId', 'accounts'),
  createdAt: accounts.createdAt,
  updatedAt: accounts.updatedAt,
  archivedAt: accounts.archivedAt,
}

const scope = (tenantId: string, viewer: Viewer) => and(eq(accounts.tenantId, tenantId), visibleTo(accounts.ownerId, viewer))

function listWhere(tenantId: string, viewer: Viewer, f: ListFilters, view?: FilterNode) {
  return and(
    scope(tenantId, viewer),
    isNull(accounts.archivedAt),
    listFilterSql('accounts', { tenantId, viewer }, f.filter, view),
    ...commonFilters(f, viewer, { tenantId, id: accounts.id, ownerId: accounts.ownerId, status: accounts.status, createdAt: accounts.createdAt, lastContactedAt: accounts.lastContactedAt, tagTarget: 'accountId' }),
  )
}

// The statements of one list page, for the caller to batch with whatever else the page needs.
// `view` is the filter of the saved view the list shows, if any.
export function listAccountsQueries(db: Db, tenantId: string, viewer: Viewer, f: ListFilters & PartialRows, view?: FilterNode) {
  const sort = sortOf(f)
  const where = listWhere(tenantId, viewer, f, view)
  return {
    sort,
    rows: db.select(columnsFor(row, f.fields, sort.column)).from(accounts).where(and(where, keysetAfter(sort, accounts.id, f.cursor))).orderBy(...keysetOrder(sort, accounts.id)).limit(f.limit + 1),
    count: cappedCount(db, accounts, where),
  }
}

export const accountPage = (rows: AccountRow[], f: ListFilters, sortKey: string) => pageOf(rows, f.limit, (r) => r[sortKey === 'created' ? 'createdAt' : sortKey === 'lastContacted' ? 'lastContactedAt' : (sortKey as 'name' | 'status')])

export const getAccountQuery = (db: Db, tenantId: string, viewer: Viewer, id: string) => db.select(row).from(accounts).where(and(scope(tenantId, viewer), eq(accounts.id, id)))

export type AccountRow = Awaited<ReturnType<typeof getAccountQuery>>[number]

export async function getAccount(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<AccountRow> {
  const [found] = await getAccountQuery(db, tenantId, viewer, id)
  if (!found) throw new AppError('NOT_FOUND', 'No such account in this workspace.')
  return found
}

// The account page's related records: its newest contacts and deals.
export const accountContactsQuery = (db: Db, tenantId: string, viewer: Viewer, accountId: string) =>
  db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, title: contacts.title, status: contacts.status })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, accountId), isNull(contacts.archivedAt), visibleTo(contacts.ownerId, viewer)))
    .orderBy(desc(contacts.createdAt))
    .limit(20)

export const accountOpportunitiesQuery = (db: Db, tenantId: string, viewer: Viewer, accountId: string) =>
  db
    .select({ id: opportunities.id, name: opportunities.name, amount: opportunities.amount, currency: opportunities.currency, status: opportunities.status, closeDate: opportunities.closeDate })
    .from(opportunities)
    .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.accountId, accountId), isNull(opportunities.archivedAt), visibleTo(opportunities.ownerId, viewer)))
    .orderBy(desc(opportunities.createdAt))
    .limit(20)

// Someone of another workspace as owner fails the composite key to memberships: that is the
// caller's mistake, a 422 on the field, not a 500.
function rethrowUnknownOwner(err: unknown): never {
  throw foreignKeyViolation(err) === 'accounts_owner_fk' ? new AppError('VALIDATION', 'Some fields need attention.', [{ path: 'ownerId', message: 'Choose a member of this workspace.' }]) : err
}

export async function createAccount(db: Db, tenantId: string, actorUserId: string, values: Omit<AccountInput, 'tags'>, tagNames: string[]): Promise<string> {
  const id = newId()
  await db.batch([
    db.insert(accounts).values({ ...values, tenantId, id, createdBy: actorUserId }),
    eventWhen(db, tenantId, { entityType: 'account', entityId: id, eventType: 'created', actorUserId, payload: { name: values.name } }, sql`true`),
    ...setTagsWhen(db, tenantId, 'accountId', id, tagNames, sql`true`),
  ]).catch(rethrowUnknownOwner)
  return id
}

// One change: a guarded update, its single timeline event, status history and tags, in one batch.
// Returns false when nothing changed (no event is written for a no-op save).
export async function updateAccount(db: Db, tenantId: string, viewer: Viewer, id: string, values: Omit<AccountPatch, 'tags'>, tagNames?: string[]): Promise<boolean> {
  const before = await getAccount(db, tenantId, viewer, id)
  const diff = { ...fieldDiff(before, values, ACCOUNT_FIELDS), ...tagDiff(before.tags.map((t) => t.name), tagNames) }
  if (!Object.keys(diff).length) return false
  const stamp = new Date()
  const applied = stamped(accounts, tenantId, id, stamp)
  const [updated] = await db.batch([
    db
      .update(accounts)
      .set({ ...values, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(accounts.id, id), eq(accounts.updatedAt, before.updatedAt)))
      .returning({ id: accounts.id }),
    eventWhen(db, tenantId, { entityType: 'account', entityId: id, eventType: eventTypeFor(diff), actorUserId: viewer.userId, payload: { changes: diff } }, applied),
    ...historyWhen(db, tenantId, 'account', id, viewer.userId, diff, applied),
    ...(tagNames ? setTagsWhen(db, tenantId, 'accountId', id, tagNames, applied) : []),
  ]).catch(rethrowUnknownOwner)
  if (!updated.length) throw new AppError('CONFLICT', 'Someone else changed this account a moment ago. Reload it and try again.')
  return true
}

export async function setAccountArchived(db: Db, tenantId: string, viewer: Viewer, id: string, archived: boolean): Promise<void> {
  const before = await getAccount(db, tenantId, viewer, id)
  if ((before.archivedAt !== null) === archived) return
  const stamp = new Date()
  const [updated] = await db.batch([
    db
      .update(accounts)
      .set({ archivedAt: archived ? stamp : null, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(accounts.id, id), eq(accounts.updatedAt, before.updatedAt)))
      .returning({ id: accounts.id }),
    eventWhen(db, tenantId, { entityType: 'account', entityId: id, eventType: archived ? 'archived' : 'restored', actorUserId: viewer.userId, payload: {} }, stamped(accounts, tenantId, id, stamp)),
  ])
  if (!updated.length) throw new AppError('CONFLICT', 'Someone else changed this account a moment ago. Reload it and try again.')
}
