import { and, desc, eq, isNull, or, sql } from 'drizzle-orm'
import { UNDO_DAYS } from '../../domain/dedupe/merge'
import type { MergeEntity, NameParts } from '../../domain/dedupe/merge-fields'
import type { Db } from '../client'
import { recordMerges } from '../schema'
import { MERGE_TARGETS } from './merge-targets'

// What a record page says about merges: "merged into …" on a loser, and on the survivor, right
// after a merge (or its undo) named by ?merged=, the flash with its Undo button. Batched with the
// page's own reads; names are read from the records themselves, outer row named explicitly.
export function mergeNoticesQuery(db: Db, tenantId: string, entity: MergeEntity, recordId: string, mergeId: string | null) {
  const t = MERGE_TARGETS[entity]
  const name = (column: 'winner_id' | 'loser_id') => sql<NameParts>`(select ${t.nameParts('x')} from ${t.table} x where x.tenant_id = "record_merges".tenant_id and x.id = "record_merges".${sql.identifier(column)})`
  const mergedInto = sql`(select x.merged_into_id from ${t.table} x where x.tenant_id = ${tenantId} and x.id = ${recordId})`
  return db
    .select({
      id: recordMerges.id,
      winnerId: recordMerges.winnerId,
      loserId: recordMerges.loserId,
      mergedAt: recordMerges.mergedAt,
      undoneAt: recordMerges.undoneAt,
      undoable: sql<boolean>`"record_merges".merged_at > now() - make_interval(days => ${UNDO_DAYS})`,
      winner: name('winner_id'),
      loser: name('loser_id'),
    })
    .from(recordMerges)
    .where(
      and(
        eq(recordMerges.tenantId, tenantId),
        eq(recordMerges.entityType, entity),
        // A loser's merge, found through the winner index: record_merges has none on loser_id.
        or(and(eq(recordMerges.winnerId, mergedInto), eq(recordMerges.loserId, recordId), isNull(recordMerges.undoneAt)), mergeId ? and(eq(recordMerges.id, mergeId), eq(recordMerges.winnerId, recordId)) : undefined),
      ),
    )
    .orderBy(desc(recordMerges.mergedAt))
    .limit(2)
}

export type MergeNotice = Awaited<ReturnType<typeof mergeNoticesQuery>>[number]
