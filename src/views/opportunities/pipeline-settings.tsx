import { Fragment, jsx } from '../jsx'
import type { PipelineWithStages, Stage } from '../../db/queries/pipelines'
import type { FieldError } from '../../lib/errors'
import { FieldErrorText } from '../components/field'
import { PipelineStyles } from './pipeline-styles'

// Pipeline settings: every pipeline with its stages in order, each stage editable in its own
// row. Many forms share field names here, so each input's id carries its form's id.

// The one form that failed, with what was typed and why; every other form shows stored values.
export type FailedForm = { form: string; values: Record<string, string>; errors: FieldError[] }

type InputProps = { form: string; name: string; label: string; value: string; failed?: FailedForm; type?: 'text' | 'number'; size?: 'short' }

function Input({ form, name, label, value, failed, type = 'text', size }: InputProps) {
  const id = `${form}-${name}`
  const mine = failed?.form === form ? failed.errors.filter((e) => e.path === name) : []
  const shown = failed?.form === form ? (failed.values[name] ?? '') : value
  return (
    <>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input id={id} form={form} name={name} type={type} value={shown} class={size} aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? `${id}-error` : undefined} />
      <FieldErrorText id={id} errors={mine} />
    </>
  )
}

function StageRow({ stage, index, last, failed }: { stage: Stage; index: number; last: boolean; failed?: FailedForm }) {
  const form = `stage-${stage.id}`
  const move = (direction: 'up' | 'down', label: string) => (
    <form method="post" action={`/settings/pipelines/stages/${stage.id}/move`} class="inline-form">
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="secondary" aria-label={`Move ${stage.name} ${direction}`}>
        {label}
      </button>
    </form>
  )
  return (
    <tr data-stage-id={stage.id}>
      <td>{index + 1}</td>
      <td>
        <Input form={form} name="name" label={`Name of stage ${index + 1}`} value={stage.name} failed={failed} />
      </td>
      <td>
        <Input form={form} name="probability" label={`Probability of ${stage.name} (%)`} type="number" size="short" value={String(stage.probability)} failed={failed} />
      </td>
      <td>
        <Input form={form} name="rottingDays" label={`Days before a deal in ${stage.name} rots`} type="number" size="short" value={stage.rottingDays === null ? '' : String(stage.rottingDays)} failed={failed} />
      </td>
      <td class="row-actions">
        <form id={form} method="post" action={`/settings/pipelines/stages/${stage.id}`} class="inline-form">
          <button type="submit" class="secondary">
            Save
          </button>
        </form>
        {index > 0 ? move('up', '↑') : null}
        {!last ? move('down', '↓') : null}
      </td>
    </tr>
  )
}

function PipelineCard({ pipeline, failed }: { pipeline: PipelineWithStages; failed?: FailedForm }) {
  const renameForm = `pipeline-${pipeline.id}`
  const addForm = `add-stage-${pipeline.id}`
  return (
    <section class="card pipeline-settings" aria-label={`${pipeline.name} pipeline`}>
      <form id={renameForm} method="post" action={`/settings/pipelines/${pipeline.id}`} class="inline-form">
        <Input form={renameForm} name="name" label="Pipeline name" value={pipeline.name} failed={failed} />
        <button type="submit" class="secondary">
          Rename
        </button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Stage</th>
            <th scope="col">Probability (%)</th>
            <th scope="col">Rots after (days)</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pipeline.stages.map((stage, i) => (
            <StageRow stage={stage} index={i} last={i === pipeline.stages.length - 1} failed={failed} />
          ))}
          <tr>
            <td>+</td>
            <td>
              <Input form={addForm} name="name" label="New stage name" value="" failed={failed} />
            </td>
            <td>
              <Input form={addForm} name="probability" label="New stage probability (%)" type="number" size="short" value="" failed={failed} />
            </td>
            <td>
              <Input form={addForm} name="rottingDays" label="New stage: days before a deal rots" type="number" size="short" value="" failed={failed} />
            </td>
            <td>
              <form id={addForm} method="post" action={`/settings/pipelines/${pipeline.id}/stages`} class="inline-form">
                <button type="submit" class="secondary">
                  Add stage
                </button>
              </form>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  )
}

export function PipelineSettingsPage({ pipelines, failed }: { pipelines: PipelineWithStages[]; failed?: FailedForm }) {
  return (
    <>
      <PipelineStyles />
      <h1>Pipelines</h1>
      <p class="lead">A deal entering a stage takes its probability. Deals sitting in a stage longer than its rotting days are flagged on the board; leave it empty for never.</p>
      {pipelines.map((p) => (
        <PipelineCard pipeline={p} failed={failed} />
      ))}
      <h2>New pipeline</h2>
      <form id="new-pipeline" method="post" action="/settings/pipelines" class="inline-form pipeline-new">
        <Input form="new-pipeline" name="name" label="New pipeline name" value="" failed={failed} />
        <button type="submit">Add pipeline</button>
      </form>
      <p class="muted">A new pipeline starts with the default stages, ready to rename.</p>
    </>
  )
}
