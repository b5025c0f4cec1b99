import { and, eq, isNull, sql } from 'drizzle-orm'
import { ACTIVITY_FIELDS, outcomeIssue, type ActivityInput, type ActivityPatch } from '../../domain/activities/schemas'
import { canArchiveEntry, canEditEntry, type RelatedListQuery } from '../../domain/notes/schemas'
import type { Viewer } from '../../domain/records/viewer'
import { RELATED_COLUMN, relatedColumns, relatedRefOf, type RelatedRef } from '../../domain/related/related'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { activities } from '../schema'
import { eventWhen, stamped } from './records/changes'
import { ownerName } from './records/columns'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'
import { linkFailure, noSuchRecord, relatedLookup, relatedVisible, touchLastContacted } from './related-records'

const row = {
  id: activities.id,
  type: activities.type,
  outcome: activities.outcome,
  subject: activities.subject,
  body: activities.body,
  occurredAt: activities.occurredAt,
  durationMinutes: activities.durationMinutes,
  accountId: activities.accountId,
  contactId: activities.contactId,
  leadId: activities.leadId,
  opportunityId: activities.opportunityId,
  createdBy: activities.createdBy,
  authorName: ownerName('activities', 'created_by'),
  createdAt: activities.createdAt,
  updatedAt: activities.updatedAt,
  archivedAt: activities.archivedAt,
}

const scope = (tenantId: string, viewer: Viewer) => and(eq(activities.tenantId, tenantId), relatedVisible('activities', viewer))

const NEWEST: Sort = { column: activities.occurredAt, kind: 'time', nullable: false, dir: 'desc' }

// One record's activities, most recent first by when they happened.
export const listActivitiesQuery = (db: Db, tenantId: string, viewer: Viewer, q: RelatedListQuery) =>
  db
    .select(row)
    .from(activities)
    .where(and(scope(tenantId, viewer), isNull(activities.archivedAt), eq(activities[RELATED_COLUMN[q.relatedType]], q.relatedId), keysetAfter(NEWEST, activities.id, q.cursor)))
    .orderBy(...keysetOrder(NEWEST, activities.id))
    .limit(q.limit + 1)

export const activityPage = (rows: ActivityRow[], limit: number) => pageOf(rows, limit, (r) => r.occurredAt)

const getActivityQuery = (db: Db, tenantId: string, viewer: Viewer, id: string) => db.select(row).from(activities).where(and(scope(tenantId, viewer), eq(activities.id, id)))

export type ActivityRow = Awaited<ReturnType<typeof getActivityQuery>>[number]

export async function getActivity(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<ActivityRow> {
  const [found] = await getActivityQuery(db, tenantId, viewer, id)
  if (!found) throw new AppError('NOT_FOUND', 'No such activity in this workspace.')
  return found
}

// Logging is one batch: the activity, "activity_logged" on the record's timeline, and the
// record's (and a contact's account's) last_contacted_at moved up to when it happened.
export async function logActivity(db: Db, tenantId: string, viewer: Viewer, input: ActivityInput): Promise<{ id: string; ref: RelatedRef }> {
  const ref: RelatedRef = { type: input.relatedType, id: input.relatedId }
  if (!(await relatedLookup(db, tenantId, viewer, ref)).length) throw noSuchRecord()
  const id = newId()
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date()
  const { relatedType: _type, relatedId: _id, ...fields } = input
  try {
    await db.batch([
      db.insert(activities).values({ ...fields, occurredAt, tenantId, id, ...relatedColumns(ref), createdBy: viewer.userId }),
      eventWhen(
        db,
        tenantId,
        { entityType: ref.type, entityId: ref.id, eventType: 'activity_logged', actorUserId: viewer.userId, payload: { activityId: id, type: input.type, outcome: input.outcome, subject: input.subject } },
        sql`true`,
      ),
      ...touchLastContacted(db, tenantId, ref, occurredAt),
    ])
  } catch (err) {
    throw linkFailure(err, {})
  }
  return { id, ref }
}

const conflict = () => new AppError('CONFLICT', 'Someone else changed this activity a moment ago. Reload it and try again.')

// Its author corrects an activity; a later occurredAt moves last_contacted_at up as well.
export async function updateActivity(db: Db, tenantId: string, viewer: Viewer, id: string, patch: ActivityPatch): Promise<boolean> {
  const before = await getActivity(db, tenantId, viewer, id)
  if (!canEditEntry(viewer, before.createdBy)) throw new AppError('FORBIDDEN', 'Only the author can edit an activity.')
  const issue = outcomeIssue(patch.type ?? before.type, patch.outcome ?? before.outcome)
  if (issue) throw new AppError('VALIDATION', 'Some fields need attention.', [issue])
  const { occurredAt, ...rest } = patch
  const values = { ...rest, ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}) }
  const diff = fieldDiff(before, values, ACTIVITY_FIELDS)
  if (!Object.keys(diff).length) return false
  const ref = relatedRefOf(before) as RelatedRef
  const stamp = new Date()
  const applied = stamped(activities, tenantId, id, stamp)
  const [updated] = await db.batch([
    db
      .update(activities)
      .set({ ...values, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(activities.id, id), eq(activities.updatedAt, before.updatedAt)))
      .returning({ id: activities.id }),
    eventWhen(db, tenantId, { entityType: 'activity', entityId: id, eventType: 'updated', actorUserId: viewer.userId, payload: { changes: diff } }, applied),
    ...(values.occurredAt ? touchLastContacted(db, tenantId, ref, values.occurredAt, applied) : []),
  ])
  if (!updated.length) throw conflict()
  return true
}

export async function archiveActivity(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<ActivityRow> {
  const before = await getActivity(db, tenantId, viewer, id)
  if (!canArchiveEntry(viewer, before.createdBy)) throw new AppError('FORBIDDEN', 'Only the author or a manager can archive an activity.')
  if (before.archivedAt) return before
  const stamp = new Date()
  const [updated] = await db.batch([
    db
      .update(activities)
      .set({ archivedAt: stamp, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(activities.id, id), eq(activities.updatedAt, before.updatedAt)))
      .returning({ id: activities.id }),
    eventWhen(db, tenantId, { entityType: 'activity', entityId: id, eventType: 'archived', actorUserId: viewer.userId, payload: {} }, stamped(activities, tenantId, id, stamp)),
  ])
  if (!updated.length) throw conflict()
  return before
}
