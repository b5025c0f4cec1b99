import type { ImportRow } from '../../db/queries/imports'

// What the progress bar shows for a run (or an undo): rows (or changes) done and the total, the
// share done, rows per second since the run started, and the seconds left at that rate (null
// until there is a rate). The total is the file's row count once a run has read it to the end;
// until then it is estimated from the bytes read so far (totalEstimated), and so is the share.
export type ImportProgress = { done: number; total: number | null; totalEstimated: boolean; percent: number; rowsPerSecond: number; etaSeconds: number | null }

export type ProgressInput = Pick<ImportRow, 'status' | 'nextRow' | 'rowsInFile' | 'bytesDone' | 'sizeBytes' | 'revertDone' | 'revertTotal' | 'runStartedAt'>

const FINISHED: ReadonlySet<ImportRow['status']> = new Set(['checked', 'completed', 'reverted'])

function shareOf(row: ProgressInput, undo: boolean): number {
  if (undo) return row.revertTotal > 0 ? row.revertDone / row.revertTotal : 0
  if (row.rowsInFile !== null) return row.rowsInFile > 0 ? row.nextRow / row.rowsInFile : 0
  return row.sizeBytes > 0 ? row.bytesDone / row.sizeBytes : 0
}

export function importProgress(row: ProgressInput, now: Date): ImportProgress {
  const undo = row.status === 'reverting' || row.status === 'reverted'
  const done = undo ? row.revertDone : row.nextRow
  const finished = FINISHED.has(row.status)
  const share = finished ? 1 : Math.min(1, Math.max(0, shareOf(row, undo)))
  const estimated = !undo && row.rowsInFile === null && row.bytesDone > 0 && done > 0
  const total = undo ? row.revertTotal : (row.rowsInFile ?? (estimated ? Math.round((done * row.sizeBytes) / row.bytesDone) : null))
  const elapsed = row.runStartedAt ? (now.getTime() - row.runStartedAt.getTime()) / 1000 : 0
  const rowsPerSecond = elapsed > 0 ? done / elapsed : 0
  // Time left at the pace so far, by share rather than by rows, so that the estimate from bytes
  // and the count from rows give the same answer once both are known.
  const etaSeconds = finished ? 0 : rowsPerSecond > 0 && share > 0 ? Math.ceil((elapsed * (1 - share)) / share) : null
  // Floored, so 100% means done (a bar at 99.6% of a run still running says 99%).
  return { done, total, totalEstimated: estimated, percent: Math.floor(share * 100), rowsPerSecond, etaSeconds }
}
