import { and, eq, isNull, sql } from 'drizzle-orm'
import { UNDO_DAYS } from '../../domain/dedupe/merge'
import { recordName } from '../../domain/dedupe/merge-fields'
import type { Viewer } from '../../domain/records/viewer'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError } from '../../lib/errors'
import type { Db } from '../client'
import { uniqueViolation } from '../errors'
import { duplicateCandidates, recordMerges, recordTags, tags } from '../schema'
import { isoParam, lockedPair, readPair, undoIds } from './merge'
import { MERGE_TARGETS, type MergeRecord, type MergeTarget } from './merge-targets'
import { eventWhen, historyWhen } from './records/changes'

// Undoing a merge, in one db.batch: the winner gets back the values the merge wrote, the loser
// is live again, what moved moves back, dropped tags come back and the pair's candidates reopen.
// Only a record's last merge can be undone, within UNDO_DAYS. The first statement claims the
// merge row (undone_at), guarded like the merge itself; the rest is conditioned on that claim.

export const NO_SUCH_MERGE = 'No such merge in this workspace.'

// Correlated on the outer row by table name: drizzle leaves single-table columns unqualified, and
// inside the subquery those would mean `later`'s own.
const laterMerge = sql<boolean>`exists (select 1 from ${recordMerges} later where later.tenant_id = "record_merges".tenant_id and later.entity_type = "record_merges".entity_type
  and (later.winner_id = "record_merges".winner_id or later.loser_id = "record_merges".winner_id) and later.merged_at > "record_merges".merged_at and later.undone_at is null)`
const withinWindow = sql`merged_at > now() - make_interval(days => ${UNDO_DAYS})`

const mergeQuery = (db: Db, tenantId: string, mergeId: string) =>
  db
    .select({ entityType: recordMerges.entityType, winnerId: recordMerges.winnerId, loserId: recordMerges.loserId, undo: recordMerges.undo, undoneAt: recordMerges.undoneAt, later: laterMerge, open: sql<boolean>`${withinWindow}` })
    .from(recordMerges)
    .where(and(eq(recordMerges.tenantId, tenantId), eq(recordMerges.id, mergeId)))

function assertUndoable(target: MergeTarget, merge: Awaited<ReturnType<typeof mergeQuery>>[number], winner: MergeRecord, loser: MergeRecord): void {
  if (merge.undoneAt) throw new AppError('CONFLICT', 'This merge was already undone.')
  if (!merge.open) throw new AppError('CONFLICT', `A merge can be undone for ${UNDO_DAYS} days; this one is older.`)
  if (merge.later || winner.mergedIntoId || loser.mergedIntoId !== winner.id) throw new AppError('CONFLICT', `${recordName(target.entity, winner)} was merged again since; undo that merge first.`)
  if (target.entity === 'lead' && winner.status === 'converted' && 'status' in merge.undo.winnerBefore) throw new AppError('CONFLICT', `${recordName('lead', winner)} was converted since the merge, so the merge can no longer be undone.`)
}

// What a unique index refused, said so the person can fix it: usually a new record has taken the
// loser's email or phone since the merge.
function keyTaken(target: MergeTarget, constraint: string, loser: MergeRecord): AppError {
  const field = constraint.endsWith('_phone_key') ? 'phone number' : 'email address'
  const value = field === 'email address' ? loser.email : (loser.phone as string | null)
  return new AppError(
    'CONFLICT',
    `Undoing this merge would give two live ${target.entity}s the same ${field}: another ${target.entity} has taken ${value ?? `a ${field} these records had`} since. Change or merge that ${target.entity} first.`,
  )
}

export type UndoneMerge = { entityType: MergeTarget['entity']; winnerId: string; loserId: string }

export async function undoMerge(db: Db, tenantId: string, viewer: Viewer, mergeId: string): Promise<UndoneMerge> {
  const [merge] = await mergeQuery(db, tenantId, mergeId)
  if (!merge) throw new AppError('NOT_FOUND', NO_SUCH_MERGE)
  const target = MERGE_TARGETS[merge.entityType]
  const { winnerId, loserId, undo } = merge
  const { a: winner, b: loser } = await readPair(db, tenantId, viewer, target, [winnerId, loserId])
  assertUndoable(target, merge, winner, loser)

  const t = target.table
  const link = sql.identifier(target.link)
  const stamp = new Date()
  const claimed = sql`and m.undone_at = ${isoParam(stamp)}`
  const undone = sql`exists (select 1 from ${recordMerges} m where m.tenant_id = ${tenantId} and m.id = ${mergeId} ${claimed})`
  // Both rows locked, the winner live and the loser still merged into it, both visible.
  const pairAsMerged = sql`(select count(*) from ${lockedPair(target, tenantId, [winnerId, loserId])} p
    where ((p.id = ${winnerId} and p.merged_into_id is null) or (p.id = ${loserId} and p.merged_into_id = ${winnerId})) and ${target.visibleAs('p', viewer)}) = 2`
  const event = (entityId: string, otherId: string, name: string) =>
    eventWhen(db, tenantId, { entityType: target.entity, entityId, eventType: 'merge_undone', actorUserId: viewer.userId, payload: { otherId, name, mergeId } }, undone)
  const kinds = ['tags', ...target.children.map((c) => c.kind)] as const
  try {
    const results = await db.batch([
      db
        .update(recordMerges)
        .set({ undoneAt: stamp })
        .where(and(eq(recordMerges.tenantId, tenantId), eq(recordMerges.id, mergeId), isNull(recordMerges.undoneAt), withinWindow, sql`not ${laterMerge}`, pairAsMerged)),
      // The winner first: it may give back the email the loser is about to need again.
      target.update(db, { ...undo.winnerBefore, updatedAt: stamp }, and(eq(t.tenantId, tenantId), eq(t.id, winnerId), undone)),
      ...historyWhen(db, tenantId, target.entity, winnerId, viewer.userId, fieldDiff(winner, undo.winnerBefore, ['status']), undone),
      target.update(db, { mergedIntoId: null, archivedAt: undo.loserArchivedAt ? new Date(undo.loserArchivedAt) : null, updatedAt: stamp }, and(eq(t.tenantId, tenantId), eq(t.id, loserId), eq(t.mergedIntoId, winnerId), undone)),
      ...kinds.map((kind) => {
        const table = kind === 'tags' ? recordTags : target.children.find((c) => c.kind === kind)?.table
        return db.execute(sql`update ${table} set ${link} = ${loserId} where tenant_id = ${tenantId} and ${link} = ${winnerId} and id in ${undoIds(tenantId, mergeId, `moved,${kind}`, claimed)}`)
      }),
      db.execute(sql`insert into ${recordTags} (tenant_id, id, tag_id, ${link}, created_at)
        select ${tenantId}::uuid, gen_random_uuid(), tg.id, ${loserId}::uuid, now() from ${tags} tg
        where tg.tenant_id = ${tenantId} and tg.id in ${undoIds(tenantId, mergeId, 'droppedTagIds', claimed)} on conflict do nothing`),
      db.execute(sql`update ${duplicateCandidates} set resolved_at = null, resolution = null where tenant_id = ${tenantId} and resolution = 'merged' and id in ${undoIds(tenantId, mergeId, 'candidateIds', claimed)}`),
      event(winnerId, loserId, recordName(target.entity, loser)),
      event(loserId, winnerId, recordName(target.entity, { ...winner, ...undo.winnerBefore })),
      db.select({ id: recordMerges.id }).from(recordMerges).where(and(eq(recordMerges.tenantId, tenantId), eq(recordMerges.id, mergeId), eq(recordMerges.undoneAt, stamp))),
    ])
    if (!(results[results.length - 1] as unknown[]).length) throw new AppError('CONFLICT', 'These records changed a moment ago. Reload and try again.')
  } catch (err) {
    const constraint = uniqueViolation(err)
    if (constraint !== null) throw keyTaken(target, constraint, loser)
    throw err
  }
  return { entityType: target.entity, winnerId, loserId }
}
