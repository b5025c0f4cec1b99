import { Fragment, jsx } from '../jsx'
import { IMPORT_ENTITIES, type ImportEntity } from '../../domain/imports/vocab'
import { ENTITY_LABELS } from '../../domain/views/catalogue'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { ImportsStyles } from './imports-styles'

// /imports/new: the file and what its rows are. A plain multipart post works without script; htmx
// posts the same form and swaps it back when it fails. A browser cannot be handed a file to send
// again, so a form that comes back asks for the file anew and keeps the rest.

export const UPLOAD_FORM_ID = 'upload-form'
const ENTITY_OPTIONS = IMPORT_ENTITIES.map((e) => ({ value: e, label: ENTITY_LABELS[e] }))
const FILE_HINT = 'A .csv file up to 100 MB, with a header row. Exports from HubSpot, Salesforce and Pipedrive are recognised: their columns are matched to ours for you.'

export function UploadForm({ entity, errors }: { entity: ImportEntity | ''; errors: FieldError[] }) {
  return (
    <form id={UPLOAD_FORM_ID} method="post" action="/imports" enctype="multipart/form-data" class="card narrow" novalidate hx-post="/imports" hx-target="this" hx-swap="outerHTML">
      <FormErrors errors={errors} fields={['entity', 'file']} />
      {/* Before the file, so its value comes first in the body and is known even when the file is refused. */}
      <SelectField name="entity" label="What the rows are" options={ENTITY_OPTIONS} value={entity || 'contacts'} errors={errors} required />
      <Field name="file" label="CSV file" type="file" accept=".csv,text/csv" errors={errors} required hint={errors.length ? `Choose the file again: it is not kept when the form comes back. ${FILE_HINT}` : FILE_HINT} />
      <div class="form-actions">
        <button type="submit">
          Upload and check <span class="htmx-indicator" aria-hidden="true">…</span>
        </button>
        <a href="/imports">Cancel</a>
      </div>
      <p class="muted">Nothing is written yet: next you check how the columns are matched, and can try a dry run first.</p>
    </form>
  )
}

export function UploadPage(props: { entity: ImportEntity | ''; errors: FieldError[] }) {
  return (
    <>
      <ImportsStyles />
      <p>
        <a href="/imports">← Imports</a>
      </p>
      <h1>New import</h1>
      <UploadForm {...props} />
    </>
  )
}
