import { jsx } from '../jsx'
import type { ImportRow } from '../../db/queries/imports'
import type { ImportProgress } from '../../domain/imports/progress'
import { count, duration, percent } from './format'
import { IMPORT_VIEW_ID } from './ids'

// A run or an undo under way. The section asks for itself again every second and is morphed in
// place, so the live region with the figures stays the same element (screen readers announce
// what changes in it); once the run ends the answer is the final view, which has no trigger, and
// the polling stops with it. Without script, reloading the page shows the same figures.

function title(row: Pick<ImportRow, 'status' | 'dryRun'>): string {
  if (row.status === 'reverting') return 'Undoing the import'
  return row.dryRun ? 'Dry run under way: nothing is written' : 'Importing'
}

function rowsText(row: Pick<ImportRow, 'status'>, p: ImportProgress): string {
  const noun = row.status === 'reverting' ? 'changes' : 'rows'
  if (p.total === null) return `${count(p.done)} ${noun} done`
  return `${count(p.done)} of ${p.totalEstimated ? 'about ' : ''}${count(p.total)} ${noun}`
}

function paceText(p: ImportProgress): string {
  if (p.etaSeconds === null) return 'Starting…'
  const rate = `${count(Math.round(p.rowsPerSecond))} per second`
  return p.etaSeconds > 0 ? `${rate}, about ${duration(p.etaSeconds)} left` : `${rate}, finishing`
}

export function ProgressView({ row, progress }: { row: Pick<ImportRow, 'id' | 'status' | 'dryRun'>; progress: ImportProgress }) {
  const url = `/imports/${row.id}/progress`
  return (
    <section id={IMPORT_VIEW_ID} class="card import-progress" aria-labelledby="import-progress-title" hx-get={url} hx-trigger="every 1s" hx-swap="outerMorph">
      <h2 id="import-progress-title">{title(row)}</h2>
      <progress id="import-progress-bar" max="100" value={String(progress.percent)} aria-labelledby="import-progress-title" aria-describedby="import-progress-figures">
        {percent(progress.percent)}
      </progress>
      <div id="import-progress-figures" class="progress-figures" aria-live="polite" aria-atomic="true">
        <p>
          <strong>{percent(progress.percent)}</strong> · {rowsText(row, progress)}
        </p>
        <p class="muted">{row.status === 'queued' ? 'Waiting for its turn…' : paceText(progress)}</p>
      </div>
      <p class="muted">
        This page follows it by itself (or <a href={`/imports/${row.id}`}>reload it</a>). You can leave: the import carries on, and <a href="/imports">Imports</a> shows how it ends.
      </p>
    </section>
  )
}
