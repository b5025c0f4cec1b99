import { Fragment, jsx } from '../jsx'
import type { ImportRow } from '../../db/queries/imports'
import type { ImportProgress } from '../../domain/imports/progress'
import type { MappingValues } from '../../domain/imports/mapping-form'
import { ENTITY_LABELS } from '../../domain/views/catalogue'
import type { FieldError } from '../../lib/errors'
import { DateTime } from '../components/date-time'
import { FileProblems, PreviewTable } from './file-check'
import { fileSize } from './format'
import { IMPORT_VIEW_ID } from './ids'
import { ImportsStyles } from './imports-styles'
import { MappingForm } from './mapping-form'
import { CompletedView, DryRunOutcome, RevertedView } from './outcome'
import { ProgressView } from './progress-view'

// /imports/:id: one import through its life. The part below the header (ImportView) is what the
// start form and the progress polling swap, so the page and those answers share one source.

export type ImportViewProps = { row: ImportRow; progress: ImportProgress; values: MappingValues; errors: FieldError[] }

function MappingStep({ row, values, errors }: ImportViewProps) {
  const blocked = row.problems.some((p) => p.blocking)
  return (
    <section id={IMPORT_VIEW_ID} aria-label="Mapping">
      {row.status === 'failed' ? (
        <div class="form-errors" role="alert">
          <p>The last run stopped: {row.error ?? 'it failed.'}</p>
          <p>{row.dryRun ? 'It was a dry run: nothing was written.' : 'The rows written before it stopped stay; with a match key, running it again updates them rather than duplicating them.'}</p>
        </div>
      ) : null}
      {row.status === 'checked' ? <DryRunOutcome row={row} /> : null}
      <FileProblems problems={row.problems} />
      {blocked ? null : <MappingForm row={row} values={values} errors={errors} />}
      <PreviewTable headers={row.headers} rows={row.preview} />
    </section>
  )
}

export function ImportView(props: ImportViewProps) {
  const { row, progress } = props
  switch (row.status) {
    case 'queued':
    case 'running':
    case 'reverting':
      return <ProgressView row={row} progress={progress} />
    case 'completed':
      return <CompletedView row={row} />
    case 'reverted':
      return <RevertedView row={row} />
    default:
      return <MappingStep {...props} />
  }
}

export function ImportPage({ creator, ...view }: ImportViewProps & { creator: string | null }) {
  const { row } = view
  return (
    <>
      <ImportsStyles />
      <p>
        <a href="/imports">← Imports</a>
      </p>
      <h1>{row.filename}</h1>
      <p class="lead">
        {ENTITY_LABELS[row.entity]} · {fileSize(row.sizeBytes)} · uploaded by {creator ?? 'a former member'} <DateTime value={row.createdAt} />
      </p>
      <ImportView {...view} />
    </>
  )
}
