// Trigger: runImport (the mapping page, POST /api/v1/imports), its own continuation, and the cron sweep of imports whose job died. Idempotency: the import's lease and next_row (a chunk commits only where the last one ended), not the key "<importId>:<rows done>".
import type { Db } from '../../db/client'
import { maxChunkRows, writeChunk, type ChunkContext } from '../../db/queries/import-chunks'
import { finishRun, releaseImport, type ImportRow } from '../../db/queries/imports'
import { importRunMessage, type ImportRun } from '../../domain/jobs/imports'
import type { Env } from '../../env'
import type { FileShape } from '../../lib/imports/inspect'
import { csvRecords, type CsvRecord } from '../../lib/imports/records'
import { logger } from '../../lib/log'
import { withImportLease } from './import-lease'

// How much one invocation takes on before handing over to a continuation message: a bounded
// stretch keeps it inside the consumer's CPU limit ([limits] in wrangler.toml) and lets the
// batch's other messages through. Reading on from row N re-parses the file up to N, which at
// this size is a few percent of the work.
export type RunBudget = { ms: number; rows: number }
export const RUN_BUDGET: RunBudget = { ms: 120_000, rows: 250_000 }

// Streams the file from where the last committed chunk ended and writes it a chunk (one
// statement) at a time. A chunk that does not commit means another job took the import over
// (this one ran past its lease): stop without a word.
export async function runImportRun(env: Env, msg: ImportRun, attempts = 1, budget: RunBudget = RUN_BUDGET): Promise<void> {
  await withImportLease(env, msg, 'run', attempts, async (db, row, leaseId) => {
    const outcome = await writeRows(env, db, row, leaseId, budget)
    const log = { tenantId: row.tenantId, importId: row.id, from: row.nextRow, to: outcome.nextRow }
    if (outcome.state === 'lost') return logger.warn('import.lease_lost', log)
    if (outcome.state === 'paused') {
      await releaseImport(db, row.tenantId, row.id, leaseId)
      await env.JOBS.send(importRunMessage({ tenantId: row.tenantId, id: row.id, nextRow: outcome.nextRow }))
      return logger.info('import.continued', log)
    }
    const done = await finishRun(db, row.tenantId, row.id, leaseId, outcome.nextRow)
    logger.info('import.finished', { ...log, status: done?.status ?? 'lease lost' })
  })
}

type Outcome = { state: 'done' | 'paused' | 'lost'; nextRow: number }

async function writeRows(env: Env, db: Db, row: ImportRow, leaseId: string, budget: RunBudget): Promise<Outcome> {
  const started = Date.now()
  const size = maxChunkRows(row.entity, row.mapping)
  const ctx: Omit<ChunkContext, 'expectedNextRow' | 'bytesDone'> = {
    tenantId: row.tenantId,
    importId: row.id,
    leaseId,
    entity: row.entity,
    mode: row.mode,
    matchKey: row.matchKey,
    dryRun: row.dryRun,
    actorUserId: row.createdBy,
    headers: row.headers,
    mapping: row.mapping,
  }
  let nextRow = row.nextRow
  let chunk: CsvRecord[] = []
  const write = async (): Promise<boolean> => {
    const { committed } = await writeChunk(db, { ...ctx, expectedNextRow: nextRow, bytesDone: chunk.at(-1)?.bytes ?? row.bytesDone }, chunk)
    if (committed) nextRow += chunk.length
    chunk = []
    return committed
  }
  // The upload check wrote encoding from FileShape's own union.
  const shape = { encoding: row.encoding as FileShape['encoding'], bom: row.bom, delimiter: row.delimiter }
  for await (const record of csvRecords(env.FILES, row.fileKey, shape, row.nextRow)) {
    chunk.push(record)
    if (chunk.length < size) continue
    if (!(await write())) return { state: 'lost', nextRow }
    if (Date.now() - started >= budget.ms || nextRow - row.nextRow >= budget.rows) return { state: 'paused', nextRow }
  }
  if (chunk.length && !(await write())) return { state: 'lost', nextRow }
  return { state: 'done', nextRow }
}
