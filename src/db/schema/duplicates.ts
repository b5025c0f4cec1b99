import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { MergeUndo } from '../../domain/dedupe/merge'
import { newId } from '../../lib/ids'
import { msTimestamp } from './columns'
import { memberKey } from './keys'
import { tenants } from './tenants'

// Possible duplicates found by fuzzy matching (similar names at the same company, ...), waiting
// for someone to merge or dismiss them. record_id is the newer record, other_id the older.
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    entityType: text({ enum: ['lead', 'contact'] }).notNull(),
    recordId: uuid().notNull(),
    otherId: uuid().notNull(),
    reason: text().notNull(),
    similarity: real().notNull(),
    createdAt: msTimestamp().notNull().defaultNow(),
    resolvedAt: msTimestamp(),
    resolution: text({ enum: ['merged', 'dismissed'] }),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('duplicate_candidates_pair_key').on(t.tenantId, t.entityType, t.recordId, t.otherId),
    index('duplicate_candidates_open_idx').on(t.tenantId, t.entityType, t.createdAt.desc()).where(sql`${t.resolvedAt} is null`),
    check('duplicate_candidates_entity_valid', sql`${t.entityType} in ('lead', 'contact')`),
    check('duplicate_candidates_resolution_valid', sql`${t.resolution} in ('merged', 'dismissed')`),
  ],
)

// One merge of `loser_id` into `winner_id`, with what undoing it needs: the winner's field values
// before, and the ids of what moved. The loser row is kept, marked merged_into_id.
export const recordMerges = pgTable(
  'record_merges',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    entityType: text({ enum: ['lead', 'contact'] }).notNull(),
    winnerId: uuid().notNull(),
    loserId: uuid().notNull(),
    undo: jsonb().$type<MergeUndo>().notNull(),
    mergedBy: uuid(),
    mergedAt: msTimestamp().notNull().defaultNow(),
    undoneAt: msTimestamp(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('record_merges_merged_by_fk', t.tenantId, t.mergedBy),
    index('record_merges_winner_idx').on(t.tenantId, t.entityType, t.winnerId, t.mergedAt.desc()),
    check('record_merges_entity_valid', sql`${t.entityType} in ('lead', 'contact')`),
  ],
)
