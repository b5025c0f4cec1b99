import { createDb, type Db } from '../../db/client'
import { claimImport, failImport, getImport, releaseImport, type ImportJobKind, type ImportRow } from '../../db/queries/imports'
import { MAX_DELIVERIES } from '../../domain/jobs/failures'
import type { ImportRevert, ImportRun } from '../../domain/jobs/imports'
import type { Env } from '../../env'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { logger } from '../../lib/log'

// What the two import jobs share: a fresh lease per invocation, and what becomes of an error.
// - Another job holds a live lease (the queue delivered a message twice, or the sweep sent one
//   while a slow job was still going): throw, so the queue tries again later, when that job has
//   finished or died. On the last delivery, let go instead: the holder carries on, and if it dies
//   the sweep sends a new message.
// - Nothing to do (finished, failed, or taken over for good): return.
// - The file cannot be read: the import fails with a message a person understands.
// - Anything else (the database or R2 out for a moment): the lease is let go and the error thrown,
//   so the retry resumes from the last committed chunk; on the last delivery the import fails
//   rather than being swept up again forever.
export type LeasedWork = (db: Db, row: ImportRow, leaseId: string) => Promise<void>

export async function withImportLease(env: Env, msg: ImportRun | ImportRevert, kind: ImportJobKind, attempts: number, work: LeasedWork): Promise<void> {
  const db = createDb(env)
  const leaseId = newId()
  const log = { tenantId: msg.tenantId, importId: msg.importId, kind, attempts }
  const row = await claimImport(db, msg.tenantId, msg.importId, leaseId, kind)
  if (!row) {
    const now = await getImport(db, msg.tenantId, msg.importId)
    const held = now?.leaseId && now.leaseUntil && now.leaseUntil.getTime() > Date.now()
    logger.info('import.not_claimed', { ...log, status: now?.status ?? null, held: Boolean(held) })
    if (held && attempts < MAX_DELIVERIES) throw new Error('Another job is working on this import; trying again later.')
    return
  }
  try {
    await work(db, row, leaseId)
  } catch (err) {
    const problem = fileProblem(err)
    const lastTry = attempts >= MAX_DELIVERIES
    logger[problem ? 'warn' : 'error']('import.job_failed', { ...log, error: errorText(err), failing: Boolean(problem) || lastTry })
    if (problem) return failImport(db, msg.tenantId, msg.importId, leaseId, problem)
    if (lastTry) return failImport(db, msg.tenantId, msg.importId, leaseId, `The ${kind === 'run' ? 'import' : 'undo'} stopped after repeated errors (${errorText(err)}). What was done so far is kept.`)
    await releaseImport(db, msg.tenantId, msg.importId, leaseId).catch(() => undefined)
    throw err
  }
}

// Why the file cannot be imported, for the import's page (csvRecords words its errors so: a
// missing file, an unclosed quote); null for errors that may pass on a retry.
const fileProblem = (err: unknown): string | null => (err instanceof AppError && err.status < 500 ? err.message : null)

// drizzle wraps a database error in one whose message is the whole statement; the cause says
// what went wrong.
const errorText = (err: unknown): string => (err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err))
