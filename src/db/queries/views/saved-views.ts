import { and, asc, eq, ne, or, sql, type SQL } from 'drizzle-orm'
import { BUILTIN_VIEWS } from '../../../domain/views/builtin'
import type { ViewEntity } from '../../../domain/views/catalogue'
import type { FilterNode } from '../../../domain/views/filter'
import { canLock, editRefusal, LOCK_REFUSAL, settingsIssue, type ViewActor } from '../../../domain/views/rules'
import { checkPatch, type ViewInput, type ViewPatch } from '../../../domain/views/schemas'
import { AppError } from '../../../lib/errors'
import { newId } from '../../../lib/ids'
import type { Db } from '../../client'
import { savedViews } from '../../schema'

// Saved views: reading the ones a person may see, and changing them under the rules of
// src/domain/views/rules.ts. Visibility is part of every WHERE, so someone else's personal view
// is as absent as another workspace's: a 404.

const row = {
  id: savedViews.id,
  entity: savedViews.entity,
  name: savedViews.name,
  visibility: savedViews.visibility,
  ownerId: savedViews.ownerId,
  filter: sql<FilterNode>`${savedViews.filter}`,
  sort: savedViews.sort,
  locked: savedViews.locked,
  builtinKey: savedViews.builtinKey,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
}

// Someone's personal views are theirs alone; support never works with leads, so sees no lead views.
function visible(tenantId: string, who: ViewActor): SQL | undefined {
  return and(eq(savedViews.tenantId, tenantId), or(ne(savedViews.visibility, 'personal'), eq(savedViews.ownerId, who.userId)), who.role === 'support' ? ne(savedViews.entity, 'leads') : undefined)
}

const MAX_VIEWS = 200

// The views a person may see, the built-in ones first, then by name.
export const listViewsQuery = (db: Db, tenantId: string, who: ViewActor, entity?: ViewEntity) =>
  db
    .select(row)
    .from(savedViews)
    .where(and(visible(tenantId, who), entity ? eq(savedViews.entity, entity) : undefined))
    .orderBy(sql`${savedViews.builtinKey} is null`, asc(sql`lower(${savedViews.name})`), asc(savedViews.id))
    .limit(MAX_VIEWS)

export const getViewQuery = (db: Db, tenantId: string, who: ViewActor, id: string) => db.select(row).from(savedViews).where(and(visible(tenantId, who), eq(savedViews.id, id)))

export type SavedView = Awaited<ReturnType<typeof getViewQuery>>[number]

export const NO_SUCH_VIEW = 'No such view in this workspace.'

export async function getView(db: Db, tenantId: string, who: ViewActor, id: string): Promise<SavedView> {
  const [view] = await getViewQuery(db, tenantId, who, id)
  if (!view) throw new AppError('NOT_FOUND', NO_SUCH_VIEW)
  return view
}

const invalid = (issue: { path: string; message: string }) => new AppError('VALIDATION', 'Some fields need attention.', [issue])

export async function createView(db: Db, tenantId: string, who: ViewActor, input: ViewInput): Promise<SavedView> {
  const locked = input.locked ?? false
  if (locked && !canLock(who)) throw new AppError('FORBIDDEN', LOCK_REFUSAL)
  const issue = settingsIssue(who, { visibility: input.visibility, ownerId: who.userId, locked })
  if (issue) throw invalid(issue)
  const [view] = await db
    .insert(savedViews)
    .values({ tenantId, id: newId(), entity: input.entity, name: input.name, visibility: input.visibility, ownerId: who.userId, filter: input.filter, sort: input.sort ?? null, locked })
    .returning(row)
  if (!view) throw new Error('insert returned no row')
  return view
}

// The view if this person may change it: 404 when they cannot see it, 403 (saying why) when they
// can but may not change it.
export async function getEditableView(db: Db, tenantId: string, who: ViewActor, id: string): Promise<SavedView> {
  const view = await getView(db, tenantId, who, id)
  const refusal = editRefusal(who, view)
  if (refusal) throw new AppError('FORBIDDEN', refusal)
  return view
}

const conflict = () => new AppError('CONFLICT', 'Someone else changed this view a moment ago. Reload it and try again.')

// Guarded by the updated_at that was read, so two edits of a shared view cannot overwrite each
// other unseen, and a lock set meanwhile is never bypassed.
export async function updateView(db: Db, tenantId: string, who: ViewActor, id: string, patch: ViewPatch): Promise<SavedView> {
  const before = await getEditableView(db, tenantId, who, id)
  const { filter, ...rest } = checkPatch(before.entity, patch)
  const next = { visibility: rest.visibility ?? before.visibility, ownerId: before.ownerId, locked: rest.locked ?? before.locked }
  if (next.locked !== before.locked && !canLock(who)) throw new AppError('FORBIDDEN', LOCK_REFUSAL)
  const issue = settingsIssue(who, next)
  if (issue) throw invalid(issue)
  const [view] = await db
    .update(savedViews)
    .set({ ...rest, ...(filter ? { filter } : {}), updatedAt: new Date() })
    .where(and(visible(tenantId, who), eq(savedViews.id, id), eq(savedViews.updatedAt, before.updatedAt)))
    .returning(row)
  if (!view) throw conflict()
  return view
}

// Returns the view as it was, for where to go next.
export async function deleteView(db: Db, tenantId: string, who: ViewActor, id: string): Promise<SavedView> {
  const before = await getEditableView(db, tenantId, who, id)
  const gone = await db
    .delete(savedViews)
    .where(and(visible(tenantId, who), eq(savedViews.id, id), eq(savedViews.updatedAt, before.updatedAt)))
    .returning({ id: savedViews.id })
  if (!gone.length) throw conflict()
  return before
}

// The built-in views of a new workspace, owned by its first admin: for the batch that creates the
// workspace, after the membership the owner column references.
export const builtinViewsStatement = (db: Db, tenantId: string, ownerId: string) =>
  db.insert(savedViews).values(BUILTIN_VIEWS.map((v) => ({ ...v, tenantId, id: newId(), ownerId, visibility: 'workspace' as const, filter: v.filter as Record<string, unknown> })))
