// Trigger: revertImport (the import's page, POST /api/v1/imports/{id}/revert), its own continuation, and the cron sweep of undos whose job died. Idempotency: the import's lease and revert_done (a chunk commits only where the last one ended), not the key "<importId>:<changes done>".
import { revertChunk } from '../../db/queries/import-revert'
import { finishRevert, releaseImport } from '../../db/queries/imports'
import { importRevertMessage, type ImportRevert } from '../../domain/jobs/imports'
import type { Env } from '../../env'
import { logger } from '../../lib/log'
import { withImportLease } from './import-lease'
import { RUN_BUDGET, type RunBudget } from './import-run.job'

// Changes undone per statement: each deletes or restores records and checks what links to them,
// so fewer than a run writes per chunk.
export const REVERT_CHUNK = 1000

// Undoes the import's changes, last row first, a chunk (one statement) at a time, within the same
// budget as a run; then reverted.
export async function runImportRevert(env: Env, msg: ImportRevert, attempts = 1, budget: RunBudget = RUN_BUDGET): Promise<void> {
  await withImportLease(env, msg, 'revert', attempts, async (db, row, leaseId) => {
    const started = Date.now()
    const log = { tenantId: row.tenantId, importId: row.id, from: row.revertDone }
    let done = row.revertDone
    for (;;) {
      const out = await revertChunk(db, { tenantId: row.tenantId, importId: row.id, leaseId, entity: row.entity, expectedDone: done }, REVERT_CHUNK)
      if (!out.committed) return logger.warn('import.lease_lost', { ...log, to: done })
      done += out.done
      if (out.finished) {
        const finished = await finishRevert(db, row.tenantId, row.id, leaseId)
        return logger.info('import.reverted', { ...log, to: done, status: finished?.status ?? 'lease lost' })
      }
      if (Date.now() - started >= budget.ms || done - row.revertDone >= budget.rows) {
        await releaseImport(db, row.tenantId, row.id, leaseId)
        await env.JOBS.send(importRevertMessage({ tenantId: row.tenantId, id: row.id, revertDone: done }))
        return logger.info('import.continued', { ...log, to: done })
      }
    }
  })
}
