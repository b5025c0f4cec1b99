import { and, eq, isNull, sql } from 'drizzle-orm'
import { canArchiveEntry, canEditEntry, type NoteInput, type RelatedListQuery } from '../../domain/notes/schemas'
import type { Viewer } from '../../domain/records/viewer'
import { excerpt, RELATED_COLUMN, relatedColumns, type RelatedRef } from '../../domain/related/related'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { notes } from '../schema'
import { eventWhen, stamped } from './records/changes'
import { ownerName } from './records/columns'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'
import { linkFailure, noSuchRecord, relatedLookup, relatedVisible } from './related-records'

const row = {
  id: notes.id,
  body: notes.body,
  accountId: notes.accountId,
  contactId: notes.contactId,
  leadId: notes.leadId,
  opportunityId: notes.opportunityId,
  createdBy: notes.createdBy,
  authorName: ownerName('notes', 'created_by'),
  createdAt: notes.createdAt,
  updatedAt: notes.updatedAt,
  archivedAt: notes.archivedAt,
}

const scope = (tenantId: string, viewer: Viewer) => and(eq(notes.tenantId, tenantId), relatedVisible('notes', viewer))

const NEWEST: Sort = { column: notes.createdAt, kind: 'time', nullable: false, dir: 'desc' }

// One record's notes, newest first, on the (tenant, record, created_at) index of that link.
export const listNotesQuery = (db: Db, tenantId: string, viewer: Viewer, q: RelatedListQuery) =>
  db
    .select(row)
    .from(notes)
    .where(and(scope(tenantId, viewer), isNull(notes.archivedAt), eq(notes[RELATED_COLUMN[q.relatedType]], q.relatedId), keysetAfter(NEWEST, notes.id, q.cursor)))
    .orderBy(...keysetOrder(NEWEST, notes.id))
    .limit(q.limit + 1)

export const notePage = (rows: NoteRow[], limit: number) => pageOf(rows, limit, (r) => r.createdAt)

const getNoteQuery = (db: Db, tenantId: string, viewer: Viewer, id: string) => db.select(row).from(notes).where(and(scope(tenantId, viewer), eq(notes.id, id)))

export type NoteRow = Awaited<ReturnType<typeof getNoteQuery>>[number]

export async function getNote(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<NoteRow> {
  const [found] = await getNoteQuery(db, tenantId, viewer, id)
  if (!found) throw new AppError('NOT_FOUND', 'No such note in this workspace.')
  return found
}

// The note, its "created" event, and "note_added" on the record's timeline, in one batch. The
// record must be one the viewer can see; the composite foreign key is the backstop.
export async function createNote(db: Db, tenantId: string, viewer: Viewer, input: NoteInput): Promise<{ id: string; ref: RelatedRef }> {
  const ref: RelatedRef = { type: input.relatedType, id: input.relatedId }
  if (!(await relatedLookup(db, tenantId, viewer, ref)).length) throw noSuchRecord()
  const id = newId()
  const short = excerpt(input.body)
  try {
    await db.batch([
      db.insert(notes).values({ tenantId, id, body: input.body, ...relatedColumns(ref), createdBy: viewer.userId }),
      eventWhen(db, tenantId, { entityType: 'note', entityId: id, eventType: 'created', actorUserId: viewer.userId, payload: { name: short } }, sql`true`),
      eventWhen(db, tenantId, { entityType: ref.type, entityId: ref.id, eventType: 'note_added', actorUserId: viewer.userId, payload: { noteId: id, excerpt: short } }, sql`true`),
    ])
  } catch (err) {
    throw linkFailure(err, {})
  }
  return { id, ref }
}

const conflict = () => new AppError('CONFLICT', 'Someone else changed this note a moment ago. Reload it and try again.')

// Only the author rewrites a note. Returns false when the body is unchanged (no event).
export async function updateNote(db: Db, tenantId: string, viewer: Viewer, id: string, body: string): Promise<boolean> {
  const before = await getNote(db, tenantId, viewer, id)
  if (!canEditEntry(viewer, before.createdBy)) throw new AppError('FORBIDDEN', 'Only the author can edit a note.')
  const diff = fieldDiff(before, { body }, ['body'])
  if (!Object.keys(diff).length) return false
  await guardedChange(db, tenantId, viewer, before, { body }, 'updated', { changes: diff })
  return true
}

export async function archiveNote(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<NoteRow> {
  const before = await getNote(db, tenantId, viewer, id)
  if (!canArchiveEntry(viewer, before.createdBy)) throw new AppError('FORBIDDEN', 'Only the author or a manager can archive a note.')
  if (before.archivedAt) return before
  await guardedChange(db, tenantId, viewer, before, { archivedAt: new Date() }, 'archived', {})
  return before
}

async function guardedChange(db: Db, tenantId: string, viewer: Viewer, before: NoteRow, set: { body?: string; archivedAt?: Date }, eventType: 'updated' | 'archived', payload: Record<string, unknown>) {
  const stamp = new Date()
  const [updated] = await db.batch([
    db
      .update(notes)
      .set({ ...set, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(notes.id, before.id), eq(notes.updatedAt, before.updatedAt)))
      .returning({ id: notes.id }),
    eventWhen(db, tenantId, { entityType: 'note', entityId: before.id, eventType, actorUserId: viewer.userId, payload }, stamped(notes, tenantId, before.id, stamp)),
  ])
  if (!updated.length) throw conflict()
}
