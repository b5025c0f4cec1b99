import { countryOf } from '../../domain/contacts/schemas'
import { dedupeRows, prepareRow, type PreparedRow, type RejectedRow } from '../../domain/imports/rows'
import type { ImportEntity, ImportMode, MatchKey } from '../../domain/imports/vocab'
import { newId } from '../../lib/ids'
import type { CsvRecord } from '../../lib/imports/records'
import type { Db } from '../client'
import { chunkShape, chunkStatement, paramsPerRow } from './import-sql/chunk-statement'
import { countryQuery } from './leads'

// One chunk of an import's rows, written as ONE statement (so it commits whole or not at all),
// guarded by the run's lease and progress: it writes only if imports.lease_id = leaseId and
// imports.next_row = expectedNextRow (locked FOR UPDATE, so a second delivery of the same job, or
// a job that lost its lease, writes nothing and gets committed: false), and it advances next_row by
// records.length, adds the totals, sets bytes_done and extends lease_until by LEASE_SECONDS.
//
// Rows are validated and normalised here with the records' own schemas (rejected rows are only
// stored, in import_errors); duplicates within the chunk are dropped here too. Everything that
// needs the database is decided in the statement, against its one snapshot: the match (by the
// chosen key), duplicates across the file (import_changes of this import), what the leads' unique
// keys would refuse, and the links by value. Then one multi-row INSERT ... ON CONFLICT (tenant_id,
// id) DO UPDATE writes new and matched records alike, with an import_changes row (for undo and for
// later duplicates), an `imported` timeline event and, for new records, the external id. A dry
// run decides the same way and writes only import_changes, import_errors and the progress.
//
// A lead someone captures between the statement's snapshot and its insert, with the same email or
// phone as a row, fails the chunk on leads_email_key/leads_phone_key; nothing is written, and the
// job's retry sees that lead and skips the row. A dry run sees earlier rows of the file only by
// their match value: a lead row whose other key (its phone, matching by email) an earlier chunk
// would have inserted is counted as new, where the real run skips it.
export type ChunkContext = {
  tenantId: string
  importId: string
  leaseId: string
  entity: ImportEntity
  mode: ImportMode
  matchKey: MatchKey | null
  dryRun: boolean
  // The member who started the import: created_by, and the owner of rows without an owner column.
  actorUserId: string
  headers: string[]
  mapping: Record<string, string>
  expectedNextRow: number
  bytesDone: number
}

export type ChunkOutcome = { committed: boolean; inserted: number; updated: number; skipped: number; rejected: number }

export const LEASE_SECONDS = 120

// PostgreSQL takes at most 65,535 bind parameters in a statement. A data row takes paramsPerRow:
// its id and match value, its links, one per written column, and two for an error row (from 5 for
// a bare mapping up to 28 for a lead with every field); the statement itself takes about 36, and
// 200 are kept for it. So the limit allows 2,333 rows of the widest mapping; chunks are capped at
// 1,000 rows anyway, which keeps one statement (and a chunk retried after a failure) short.
const BIND_LIMIT = 65_535
const STATEMENT_PARAMS = 200
const MAX_CHUNK_ROWS = 1_000

export function maxChunkRows(entity: ImportEntity, mapping: Record<string, string>): number {
  return Math.min(MAX_CHUNK_ROWS, Math.floor((BIND_LIMIT - STATEMENT_PARAMS) / paramsPerRow(chunkShape(entity, mapping))))
}

const NOTHING: ChunkOutcome = { committed: false, inserted: 0, updated: 0, skipped: 0, rejected: 0 }

export async function writeChunk(db: Db, ctx: ChunkContext, records: CsvRecord[]): Promise<ChunkOutcome> {
  const shape = chunkShape(ctx.entity, ctx.mapping)
  // Phone numbers without a country code are read in the workspace's default country.
  const country = shape.columns.includes('phone') ? countryOf((await countryQuery(db, ctx.tenantId))[0]?.country) : 'US'
  const plan = { entity: ctx.entity, headers: ctx.headers, mapping: ctx.mapping, matchKey: ctx.matchKey, country }
  const prepared = records.map((r) => prepareRow(plan, r.index, r.fields))
  const rejected = prepared.filter((r): r is RejectedRow => 'reason' in r)
  const rows = dedupeRows(ctx.entity, prepared.filter((r): r is PreparedRow => !('reason' in r))).map((r) => ({ ...r, id: newId() }))
  const statement = chunkStatement(shape, { ...ctx, leaseSeconds: LEASE_SECONDS }, rows, rejected, records.length)
  const result = await db.execute<{ committed: number; inserted: number; updated: number; rejected: number }>(statement)
  const out = result.rows[0]
  if (!out?.committed) return NOTHING
  const { inserted, updated, rejected: rejectedCount } = out
  return { committed: true, inserted, updated, rejected: rejectedCount, skipped: records.length - inserted - updated - rejectedCount }
}
