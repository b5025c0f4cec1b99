import { and, eq, sql } from 'drizzle-orm'
import { planDeal, stageWantOf } from '../../domain/opportunities/changes'
import { opportunityEventType } from '../../domain/opportunities/rules'
import { OPPORTUNITY_FIELDS, type OpportunityInput, type OpportunityPatch } from '../../domain/opportunities/schemas'
import { tagDiff } from '../../domain/records/changes'
import type { Viewer } from '../../domain/records/viewer'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError, type FieldError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { opportunities } from '../schema'
import { getOpportunity, getOpportunityQuery, NO_SUCH_OPPORTUNITY, scope, type OpportunityRow } from './opportunities'
import { refErrors, refsQuery, type RefsWant } from './opportunity-refs'
import { eventWhen, historyWhen, stamped } from './records/changes'
import { setTagsWhen } from './records/tags'

// Creating and changing deals. Each change is one batch: the guarded update, exactly one
// timeline event, status/stage history and tags, all conditioned on the update having applied.

const CONFLICT = 'Someone else changed this opportunity a moment ago. Reload it and try again.'

type DealColumns = Pick<OpportunityRow, (typeof OPPORTUNITY_FIELDS)[number]>

const invalid = (errors: FieldError[]) => new AppError('VALIDATION', 'Some fields need attention.', errors)

const refsWant = (v: OpportunityPatch, isCreate: boolean): RefsWant => ({ stage: stageWantOf(v, isCreate), accountId: v.accountId, contactId: v.contactId, ownerId: v.ownerId })

export async function createOpportunity(db: Db, tenantId: string, viewer: Viewer, input: OpportunityInput): Promise<string> {
  const want = refsWant(input, true)
  const [refs] = await refsQuery(db, tenantId, want)
  if (!refs) throw new AppError('NOT_FOUND')
  const plan = planDeal(input, null, refs.stage, refs.currency)
  const errors = [...refErrors(refs, want), ...plan.errors]
  if (errors.length || !refs.stage) throw invalid(errors)
  const id = newId()
  const values = { ...plan.values, name: input.name, pipelineId: refs.stage.pipelineId, stageId: refs.stage.id, probability: plan.values.probability ?? refs.stage.probability }
  await db.batch([
    db.insert(opportunities).values({ ...values, ownerId: input.ownerId === undefined ? viewer.userId : input.ownerId, tenantId, id, createdBy: viewer.userId }),
    eventWhen(db, tenantId, { entityType: 'opportunity', entityId: id, eventType: 'created', actorUserId: viewer.userId, payload: { name: input.name } }, sql`true`),
    // The first stage is a stage entry too, so time-in-stage reports start at creation.
    ...historyWhen(db, tenantId, 'opportunity', id, viewer.userId, { stageId: { from: null, to: values.stageId } }, sql`true`),
    ...(input.tags ? setTagsWhen(db, tenantId, 'opportunityId', id, input.tags, sql`true`) : []),
  ])
  return id
}

// Returns false when nothing changed: a no-op save writes no event.
export async function updateOpportunity(db: Db, tenantId: string, viewer: Viewer, id: string, patch: OpportunityPatch): Promise<boolean> {
  const want = refsWant(patch, false)
  const [[before], [refs]] = await db.batch([getOpportunityQuery(db, tenantId, viewer, id), refsQuery(db, tenantId, want)])
  if (!before || !refs) throw new AppError('NOT_FOUND', NO_SUCH_OPPORTUNITY)
  // Links are only checked when they change, so a deal whose owner has since left can still be edited.
  const changedWant: RefsWant = {
    stage: want.stage,
    accountId: patch.accountId !== before.accountId ? patch.accountId : undefined,
    contactId: patch.contactId !== before.contactId ? patch.contactId : undefined,
    ownerId: patch.ownerId !== before.ownerId ? patch.ownerId : undefined,
  }
  const plan = planDeal(patch, before, refs.stage, refs.currency)
  const errors = [...refErrors(refs, changedWant), ...plan.errors]
  if (errors.length) throw invalid(errors)

  const diff = { ...fieldDiff<DealColumns>(before, plan.values, OPPORTUNITY_FIELDS), ...tagDiff(before.tags.map((t) => t.name), patch.tags) }
  if (!Object.keys(diff).length) return false
  const stamp = new Date()
  const applied = stamped(opportunities, tenantId, id, stamp)
  const [updated] = await db.batch([
    db
      .update(opportunities)
      .set({ ...plan.values, ...(plan.stageChanged ? { stageEnteredAt: stamp } : {}), updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(opportunities.id, id), eq(opportunities.updatedAt, before.updatedAt)))
      .returning({ id: opportunities.id }),
    eventWhen(db, tenantId, { entityType: 'opportunity', entityId: id, eventType: opportunityEventType(diff), actorUserId: viewer.userId, payload: { changes: diff } }, applied),
    ...historyWhen(db, tenantId, 'opportunity', id, viewer.userId, diff, applied),
    ...(patch.tags && diff.tags ? setTagsWhen(db, tenantId, 'opportunityId', id, patch.tags, applied) : []),
  ])
  if (!updated.length) throw new AppError('CONFLICT', CONFLICT)
  return true
}

export async function setOpportunityArchived(db: Db, tenantId: string, viewer: Viewer, id: string, archived: boolean): Promise<void> {
  const before = await getOpportunity(db, tenantId, viewer, id)
  if ((before.archivedAt !== null) === archived) return
  const stamp = new Date()
  const [updated] = await db.batch([
    db
      .update(opportunities)
      .set({ archivedAt: archived ? stamp : null, updatedAt: stamp })
      .where(and(scope(tenantId, viewer), eq(opportunities.id, id), eq(opportunities.updatedAt, before.updatedAt)))
      .returning({ id: opportunities.id }),
    eventWhen(db, tenantId, { entityType: 'opportunity', entityId: id, eventType: archived ? 'archived' : 'restored', actorUserId: viewer.userId, payload: {} }, stamped(opportunities, tenantId, id, stamp)),
  ])
  if (!updated.length) throw new AppError('CONFLICT', CONFLICT)
}
