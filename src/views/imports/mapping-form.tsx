import { jsx } from '../jsx'
import type { ImportRow } from '../../db/queries/imports'
import { ENTITY_MATCH_KEYS, IMPORT_FIELDS } from '../../domain/imports/fields'
import { columnName, customFieldKey, NO_MATCH_KEY, type MappingValues } from '../../domain/imports/mapping-form'
import type { ImportEntity, ImportMode, MatchKey } from '../../domain/imports/vocab'
import type { FieldError } from '../../lib/errors'
import { FormErrors } from '../components/field'
import { RadioGroup, type RadioOption } from '../components/radio-group'
import { SelectField, type Option } from '../components/select-field'
import { IMPORT_VIEW_ID } from './ids'

// The mapping step: where each column goes, how a row finds the record it updates, and what to do
// with it. "Dry run" and "Start import" post the same form; htmx swaps the answer (the progress, or
// the form again with its errors) into the import's view.

const MATCH_KEY_LABELS: Record<MatchKey, string> = { email: 'Email', phone: 'Phone', domain: 'Domain', external_id: 'External id (id in the other system)' }

const MODES: (RadioOption & { value: ImportMode })[] = [
  { value: 'upsert', label: 'Create and update', hint: 'A row that matches a record updates it; any other row makes a new record.' },
  { value: 'create', label: 'Create only', hint: 'Only new records; a row that matches one you have is skipped as a duplicate.' },
  { value: 'update', label: 'Update only', hint: 'Only records you have; a row that matches none is skipped.' },
]

function columnOptions(entity: ImportEntity, header: string, chosen: string): Option[] {
  const custom = customFieldKey(header)
  const options: Option[] = [{ value: '', label: 'Don’t import' }, ...IMPORT_FIELDS[entity].map((f) => ({ value: f.key, label: f.label })), { value: custom, label: `Custom field (${custom})` }]
  // A choice the list does not offer (a custom key set through the API) stays selectable as it is.
  if (!options.some((o) => o.value === chosen)) options.push({ value: chosen, label: chosen })
  return options
}

// The column's first value in the preview, to tell similar headers apart.
const exampleOf = (preview: string[][], i: number) => preview.map((r) => r[i] ?? '').find((v) => v.trim() !== '')

export type MappingFormProps = { row: Pick<ImportRow, 'id' | 'entity' | 'headers' | 'preview'>; values: MappingValues; errors: FieldError[] }

export function MappingForm({ row, values, errors }: MappingFormProps) {
  const action = `/imports/${row.id}/start`
  const names = row.headers.map((_, i) => columnName(i))
  const matchKeys: Option[] = [...ENTITY_MATCH_KEYS[row.entity].map((k) => ({ value: k, label: MATCH_KEY_LABELS[k] })), { value: NO_MATCH_KEY, label: 'None — always create a new record' }]
  return (
    <form method="post" action={action} class="card mapping-form" novalidate hx-post={action} hx-target={`#${IMPORT_VIEW_ID}`} hx-swap="outerHTML">
      <h2>Match the columns</h2>
      <FormErrors errors={errors} fields={[...names, 'matchKey', 'mode']} />
      <fieldset class="mapping-columns">
        <legend>Import each column of the file as</legend>
        {row.headers.map((header, i) => {
          const example = exampleOf(row.preview, i)
          return <SelectField name={columnName(i)} label={header} options={columnOptions(row.entity, header, values.columns[i] ?? '')} value={values.columns[i] ?? ''} errors={errors} hint={example ? `For example: ${example}` : 'Empty in the first rows.'} />
        })}
      </fieldset>
      <SelectField name="matchKey" label="Find existing records by" options={matchKeys} value={values.matchKey} errors={errors} hint="A row whose value here matches a record you already have is that record. The column must be imported." />
      <RadioGroup name="mode" legend="What the import does" options={MODES} value={values.mode} errors={errors} />
      <div class="form-actions">
        {/* First, so Enter in a select starts the run that writes nothing. */}
        <button type="submit" name="dryRun" value="true" class="secondary">
          Dry run
        </button>
        <button type="submit" name="dryRun" value="false">
          Start import
        </button>
        <span class="muted">A dry run goes through every row and tells you what would happen, writing nothing.</span>
      </div>
    </form>
  )
}
