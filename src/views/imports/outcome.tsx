import { Fragment, jsx } from '../jsx'
import type { ImportRow } from '../../db/queries/imports'
import { ENTITY_LABELS } from '../../domain/views/catalogue'
import { count } from './format'
import { IMPORT_VIEW_ID } from './ids'

// What a run did (or, after a dry run, would do), and what an undo did.

type Totals = Pick<ImportRow, 'id' | 'entity' | 'mode' | 'nextRow' | 'inserted' | 'updated' | 'skipped' | 'rejected'>

function TotalsList({ row, dry }: { row: Totals; dry: boolean }) {
  const would = (past: string, conditional: string) => (dry ? conditional : past)
  const facts: [string, number][] = [
    ['Rows in the file', row.nextRow],
    [would('Created', 'Would create'), row.inserted],
    [would('Updated', 'Would update'), row.updated],
    [row.mode === 'update' ? would('Skipped (no matching record)', 'Would skip (no matching record)') : would('Skipped as duplicates', 'Would skip as duplicates'), row.skipped],
    [would('Rejected', 'Would reject'), row.rejected],
  ]
  return (
    <dl class="facts import-totals">
      {facts.map(([label, n]) => (
        <>
          <dt>{label}</dt>
          <dd>{count(n)}</dd>
        </>
      ))}
    </dl>
  )
}

function RejectsLink({ row }: { row: Totals }) {
  if (row.rejected === 0) return null
  return (
    <p>
      <a href={`/imports/${row.id}/errors.csv`} download>
        Download rejected rows (CSV)
      </a>{' '}
      <span class="muted">— each with its row number and the reason, to fix and import again.</span>
    </p>
  )
}

// After a dry run, above the form that starts the real one.
export function DryRunOutcome({ row }: { row: Totals }) {
  return (
    <section class="card import-outcome" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">Dry run: what the import would do</h2>
      <p class="muted">Nothing was written. Start the import below to do it for real, or change the matching and try again.</p>
      <TotalsList row={row} dry />
      <RejectsLink row={row} />
    </section>
  )
}

export function CompletedView({ row }: { row: Totals }) {
  return (
    <section id={IMPORT_VIEW_ID} class="card" aria-labelledby="import-done-title">
      <h2 id="import-done-title">Import complete</h2>
      <TotalsList row={row} dry={false} />
      <RejectsLink row={row} />
      <div class="form-actions">
        <a class="button" href={`/${row.entity}`}>
          Go to {ENTITY_LABELS[row.entity]}
        </a>
        <a class="button secondary" href={`/imports/${row.id}/revert`}>
          Undo this import…
        </a>
      </div>
    </section>
  )
}

// Undo does not count removals and restorations apart, only the records it left alone.
export function RevertedView({ row }: { row: Pick<ImportRow, 'inserted' | 'updated' | 'revertKept'> }) {
  return (
    <section id={IMPORT_VIEW_ID} class="card" aria-labelledby="import-undone-title">
      <h2 id="import-undone-title">Import undone</h2>
      <dl class="facts import-totals">
        <dt>Records it had created</dt>
        <dd>{count(row.inserted)}</dd>
        <dt>Records it had updated</dt>
        <dd>{count(row.updated)}</dd>
        <dt>Kept as they are now</dt>
        <dd>{count(row.revertKept)}</dd>
      </dl>
      <p>{row.revertKept ? 'The kept records had been changed or linked to something since the import. ' : ''}Every other record it created is removed, and every other record it updated has its fields back as they were.</p>
    </section>
  )
}

export function RevertConfirmPage({ row }: { row: Pick<ImportRow, 'id' | 'filename' | 'inserted' | 'updated'> }) {
  return (
    <>
      <h1>Undo this import?</h1>
      <div class="card narrow">
        <p>
          Undoing <strong>{row.filename}</strong> deletes the {count(row.inserted)} records it created and puts back the fields it changed on the {count(row.updated)} records it updated.
        </p>
        <p>A record someone has changed since the import, or linked to something (a note, a task, a deal…), is kept as it is now. Undo cannot itself be undone.</p>
        <div class="form-actions">
          <form method="post" action={`/imports/${row.id}/revert`} class="inline-form">
            <button type="submit" class="danger" autofocus>
              Undo import
            </button>
          </form>
          <a href={`/imports/${row.id}`}>Cancel</a>
        </div>
      </div>
    </>
  )
}
