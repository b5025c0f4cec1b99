import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { DuplicateListQuery, MergeEntity, NameParts } from '../../domain/dedupe/merge-fields'
import type { Viewer } from '../../domain/records/viewer'
import { AppError } from '../../lib/errors'
import type { Db } from '../client'
import { duplicateCandidates as dc } from '../schema'
import { MERGE_TARGETS } from './merge-targets'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'

// Possible duplicates waiting for review. A pair is listed only while both records are live
// (unmerged) and the viewer may see both; the outer row is named explicitly in the correlated
// subqueries (drizzle leaves single-table columns unqualified).

const NEWEST: Sort = { column: dc.createdAt, kind: 'time', nullable: false, dir: 'desc' }

const side = (column: 'record_id' | 'other_id') => sql`x.tenant_id = "duplicate_candidates".tenant_id and x.id = "duplicate_candidates".${sql.identifier(column)}`

function livePair(entity: MergeEntity, viewer: Viewer) {
  const t = MERGE_TARGETS[entity]
  const live = (column: 'record_id' | 'other_id') => sql`exists (select 1 from ${t.table} x where ${side(column)} and x.merged_into_id is null and ${t.visibleAs('x', viewer)})`
  return and(eq(dc.entityType, entity), live('record_id'), live('other_id'))
}

const names = (entity: MergeEntity, column: 'record_id' | 'other_id') => {
  const t = MERGE_TARGETS[entity]
  return sql<NameParts>`(select ${t.nameParts('x')} from ${t.table} x where ${side(column)})`
}

const candidateRows = (db: Db, tenantId: string, viewer: Viewer, f: DuplicateListQuery) =>
  db
    .select({ id: dc.id, entityType: dc.entityType, recordId: dc.recordId, otherId: dc.otherId, reason: dc.reason, similarity: dc.similarity, createdAt: dc.createdAt, record: names(f.type, 'record_id'), other: names(f.type, 'other_id') })
    .from(dc)
    .where(and(eq(dc.tenantId, tenantId), isNull(dc.resolvedAt), livePair(f.type, viewer), keysetAfter(NEWEST, dc.id, f.cursor)))
    .orderBy(...keysetOrder(NEWEST, dc.id))
    .limit(f.limit + 1)

export type CandidateRow = Awaited<ReturnType<typeof candidateRows>>[number]

export function listCandidatesQuery(db: Db, tenantId: string, viewer: Viewer, f: DuplicateListQuery) {
  return { rows: candidateRows(db, tenantId, viewer, f), page: (found: CandidateRow[]) => pageOf(found, f.limit, (r) => r.createdAt) }
}

export async function listCandidates(db: Db, tenantId: string, viewer: Viewer, f: DuplicateListQuery) {
  const q = listCandidatesQuery(db, tenantId, viewer, f)
  return q.page(await q.rows)
}

export const NO_SUCH_CANDIDATE = 'No such open duplicate in this workspace.'

// "Not duplicates": closes the pair. Returns its entity, for going back to the right list.
export async function dismissCandidate(db: Db, tenantId: string, viewer: Viewer, id: string): Promise<MergeEntity> {
  const [row] = await db
    .update(dc)
    .set({ resolvedAt: new Date(), resolution: 'dismissed' })
    .where(and(eq(dc.tenantId, tenantId), eq(dc.id, id), isNull(dc.resolvedAt), or(livePair('lead', viewer), livePair('contact', viewer))))
    .returning({ entityType: dc.entityType })
  if (!row) throw new AppError('NOT_FOUND', NO_SUCH_CANDIDATE)
  return row.entityType
}
