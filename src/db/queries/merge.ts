import { and, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import { can } from '../../domain/access/permissions'
import { contactValues, countryOf, nameIssue, type ContactPatch } from '../../domain/contacts/schemas'
import type { MovedKind } from '../../domain/dedupe/merge'
import { mergePatch, recordName, type MergeSide } from '../../domain/dedupe/merge-fields'
import { assertIdentity, leadValues, type LeadPatch } from '../../domain/leads/schemas'
import { normaliseEmail } from '../../domain/records/normalise'
import type { Viewer } from '../../domain/records/viewer'
import { fieldDiff } from '../../domain/timeline/diff'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { uniqueViolation } from '../errors'
import { duplicateCandidates, recordMerges, recordTags } from '../schema'
import { countryQuery } from './leads'
import type { MergeRecord, MergeTarget } from './merge-targets'
import { eventWhen, historyWhen, stamped } from './records/changes'

// Merging a duplicate (the loser) into the record that survives (the winner), in one db.batch.
//
// The first statement marks the loser merged (which takes it out of the unique email and phone
// indexes before the winner may take its email), guarded by both rows being as read, visible and
// unmerged, and locks both rows until the batch commits. The merge row comes next: its
// undo data, read by SQL at that moment, lists exactly the rows that then move. Every later
// statement is conditioned on that row, so if the guard matched nothing the batch writes nothing.

const NOT_ITSELF = { path: 'otherId', message: 'Choose a record other than this one.' }

export const changedMeanwhile = () => new AppError('CONFLICT', 'One of these records changed or was merged a moment ago. Reload and try again.')

// Both records, each visible to the viewer, with the workspace's country for reading phones.
export async function readPair(db: Db, tenantId: string, viewer: Viewer, target: MergeTarget, ids: [string, string]) {
  const [rows, [tenant]] = await db.batch([target.records(db, tenantId, viewer, ids), countryQuery(db, tenantId)])
  const [a, b] = ids.map((id) => (rows as MergeRecord[]).find((r) => r.id === id))
  if (!a || !b) throw new AppError('NOT_FOUND', target.noSuch)
  return { a, b, country: countryOf(tenant?.country) }
}

export function assertMergeable(target: MergeTarget, winner: MergeRecord, loser: MergeRecord): void {
  const merged = [winner, loser].find((r) => r.mergedIntoId)
  if (merged) throw new AppError('CONFLICT', `${recordName(target.entity, merged)} was already merged into another ${target.entity}.`)
  if (target.entity === 'lead' && loser.status === 'converted') throw new AppError('CONFLICT', `${recordName('lead', loser)} is converted: keep it as the lead that survives.`)
}

// The column values the merge writes on the winner, with derived columns recomputed as a save
// would, and the same rule on names a save applies.
function winnerValues(target: MergeTarget, winner: MergeRecord, patch: Record<string, unknown>, country: ReturnType<typeof countryOf>): Record<string, unknown> {
  if (target.entity === 'lead') {
    const values = leadValues(patch as LeadPatch, country, { website: (winner.website as string | null) ?? null, email: winner.email })
    assertIdentity({ ...winner, ...values })
    return values
  }
  const values = contactValues(patch as ContactPatch, country)
  const merged = { ...winner, ...values }
  const issue = nameIssue(merged.firstName, merged.lastName)
  if (issue) throw new AppError('VALIDATION', 'Some fields need attention.', [issue])
  return values
}

const MOVED_KINDS: MovedKind[] = ['notes', 'tasks', 'activities', 'submissions', 'opportunities', 'tags']

const idArray = (select: SQL) => sql`(select coalesce(jsonb_agg(v order by v), '[]'::jsonb) from (${select}) as s(v))`

// The merge row's undo data, as SQL reading the rows that are about to move.
function undoJson(tenantId: string, target: MergeTarget, winnerId: string, loserId: string, winnerBefore: Record<string, unknown>, loserArchivedAt: Date | null): SQL {
  const link = sql.identifier(target.link)
  const winnerHasTag = sql`exists (select 1 from ${recordTags} y where y.tenant_id = ${tenantId} and y.${link} = ${winnerId} and y.tag_id = x.tag_id)`
  const loserTags = sql`from ${recordTags} x where x.tenant_id = ${tenantId} and x.${link} = ${loserId}`
  const moved = MOVED_KINDS.map((kind) => {
    const child = target.children.find((c) => c.kind === kind)
    const ids = kind === 'tags' ? idArray(sql`select x.id ${loserTags} and not ${winnerHasTag}`) : child ? idArray(sql`select x.id from ${child.table} x where x.tenant_id = ${tenantId} and x.${link} = ${loserId}`) : sql`'[]'::jsonb`
    return sql`${kind}::text, ${ids}`
  })
  const candidates = idArray(
    sql`select d.id from ${duplicateCandidates} d where d.tenant_id = ${tenantId} and d.entity_type = ${target.entity} and d.resolved_at is null
      and ((d.record_id = ${winnerId} and d.other_id = ${loserId}) or (d.record_id = ${loserId} and d.other_id = ${winnerId}))`,
  )
  return sql`jsonb_build_object('winnerBefore', ${JSON.stringify(winnerBefore)}::jsonb, 'loserArchivedAt', ${loserArchivedAt?.toISOString() ?? null}::text,
    'moved', jsonb_build_object(${sql.join(moved, sql`, `)}), 'droppedTagIds', ${idArray(sql`select x.tag_id ${loserTags} and ${winnerHasTag}`)}, 'candidateIds', ${candidates})`
}

// The ids a merge row lists under `path` (a jsonb path such as {moved,notes}), as a subquery.
export const undoIds = (tenantId: string, mergeId: string, path: string, extra: SQL = sql``) =>
  sql`(select jsonb_array_elements_text(m.undo #> ${`{${path}}`}::text[])::uuid from ${recordMerges} m where m.tenant_id = ${tenantId} and m.id = ${mergeId} ${extra})`

export const isoParam = (d: Date) => sql`${d.toISOString()}::timestamptz`

// Both records' rows, locked until the batch commits, in id order: two merges (or undos) of one
// pair, whichever way round, then queue one behind the other instead of deadlocking.
export const lockedPair = (target: MergeTarget, tenantId: string, ids: [string, string]) =>
  sql`(select x.id, x.merged_into_id, x.updated_at, x.owner_id from ${target.table} x where x.tenant_id = ${tenantId} and x.id in (${ids[0]}::uuid, ${ids[1]}::uuid) order by x.id for update)`

// Merges `loserId` into `winnerId`; `choices` says per field whose value the winner keeps
// (unnamed fields: the winner's, or the loser's where the winner has none). Returns the merge id.
export async function mergeRecords(db: Db, tenantId: string, viewer: Viewer, target: MergeTarget, winnerId: string, loserId: string, choices: Record<string, MergeSide>): Promise<string> {
  if (winnerId === loserId) throw new AppError('VALIDATION', 'A record cannot be merged with itself.', [NOT_ITSELF])
  const { a: winner, b: loser, country } = await readPair(db, tenantId, viewer, target, [winnerId, loserId])
  assertMergeable(target, winner, loser)
  const plan = mergePatch(target.entity, winner, loser, choices, { canAssign: can(viewer.role, 'records.assign') })
  if (plan.errors.length) throw new AppError('VALIDATION', 'Some fields need attention.', plan.errors)
  const values = winnerValues(target, winner, plan.patch, country)
  const winnerBefore = Object.fromEntries(Object.keys(values).map((k) => [k, winner[k] ?? null]))

  const t = target.table
  const link = sql.identifier(target.link)
  const mergeId = newId()
  const stamp = new Date()
  const winnerLocked = sql`exists (select 1 from ${lockedPair(target, tenantId, [winnerId, loserId])} w where w.id = ${winnerId} and w.merged_into_id is null
    and w.updated_at = ${isoParam(winner.updatedAt)} and ${target.visibleAs('w', viewer)})`
  const merged = sql`exists (select 1 from ${recordMerges} m where m.tenant_id = ${tenantId} and m.id = ${mergeId})`
  const event = (entityId: string, otherId: string, name: string, survived: boolean) =>
    eventWhen(db, tenantId, { entityType: target.entity, entityId, eventType: 'merged', actorUserId: viewer.userId, payload: { otherId, name, fields: plan.taken, survived } }, merged)
  try {
    const results = await db.batch([
      target.update(db, { mergedIntoId: winnerId, archivedAt: stamp, updatedAt: stamp }, and(target.scope(tenantId, viewer), eq(t.id, loserId), isNull(t.mergedIntoId), eq(t.updatedAt, loser.updatedAt), winnerLocked)),
      db.execute(sql`insert into ${recordMerges} (tenant_id, id, entity_type, winner_id, loser_id, undo, merged_by, merged_at)
        select ${tenantId}::uuid, ${mergeId}::uuid, ${target.entity}, ${winnerId}::uuid, ${loserId}::uuid, ${undoJson(tenantId, target, winnerId, loserId, winnerBefore, loser.archivedAt)}, ${viewer.userId}::uuid, now()
        where ${stamped(t, tenantId, loserId, stamp)}`),
      target.update(db, { ...values, updatedAt: stamp }, and(eq(t.tenantId, tenantId), eq(t.id, winnerId), merged)),
      ...historyWhen(db, tenantId, target.entity, winnerId, viewer.userId, fieldDiff(winner, values, ['status']), merged),
      db.execute(sql`delete from ${recordTags} where tenant_id = ${tenantId} and ${link} = ${loserId} and tag_id in ${undoIds(tenantId, mergeId, 'droppedTagIds')}`),
      ...MOVED_KINDS.flatMap((kind) => {
        const table = kind === 'tags' ? recordTags : target.children.find((c) => c.kind === kind)?.table
        return table ? [db.execute(sql`update ${table} set ${link} = ${winnerId} where tenant_id = ${tenantId} and ${link} = ${loserId} and id in ${undoIds(tenantId, mergeId, `moved,${kind}`)}`)] : []
      }),
      db.execute(sql`update ${duplicateCandidates} set resolved_at = now(), resolution = 'merged' where tenant_id = ${tenantId} and id in ${undoIds(tenantId, mergeId, 'candidateIds')}`),
      event(winnerId, loserId, recordName(target.entity, loser), true),
      event(loserId, winnerId, recordName(target.entity, { ...winner, ...values }), false),
      db.select({ id: recordMerges.id }).from(recordMerges).where(and(eq(recordMerges.tenantId, tenantId), eq(recordMerges.id, mergeId))),
    ])
    if (!(results[results.length - 1] as unknown[]).length) throw changedMeanwhile()
  } catch (err) {
    // A tag or key the winner gained between our read and the batch: nothing was written.
    if (uniqueViolation(err) !== null) throw changedMeanwhile()
    throw err
  }
  return mergeId
}

// "Merge with…": the other live record the person means, by id or by email. Null: none visible.
export async function findMergePartner(db: Db, tenantId: string, viewer: Viewer, target: MergeTarget, selfId: string, text: string): Promise<string | null> {
  const t = target.table
  const key = text.trim()
  const match = z.uuid().safeParse(key).success ? eq(t.id, key) : eq(t.emailNormalized, normaliseEmail(key) ?? '')
  const [found] = await db.select({ id: sql<string>`${t.id}` }).from(t).where(and(target.scope(tenantId, viewer), match, ne(t.id, selfId), isNull(t.mergedIntoId))).orderBy(desc(t.createdAt)).limit(1)
  return found?.id ?? null
}
