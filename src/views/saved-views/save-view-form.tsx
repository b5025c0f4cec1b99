import { jsx } from '../jsx'
import { VIEW_VISIBILITIES, VISIBILITY_LABELS, type ViewVisibility } from '../../domain/views/schemas'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'

export type SaveViewProps = {
  entity: string
  // The list's current filters and sort as query parameters (including ?view= and ?filter=),
  // carried as hidden inputs: what the list shows is what gets saved.
  params: [string, string][]
  canShareWorkspace: boolean
  values?: Record<string, string>
  errors?: FieldError[]
  // Sent with an htmx filter change: the form is swapped in place, so it saves the new filters.
  oob?: boolean
}

export const visibilityOptions = (allowed: (v: ViewVisibility) => boolean) => VIEW_VISIBILITIES.filter(allowed).map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))

// "Save as view": a disclosure in the views sidebar. A plain POST, or htmx swapping just this
// form (with 422 and the field errors when something is wrong).
export function SaveViewForm({ entity, params, canShareWorkspace, values = {}, errors = [], oob }: SaveViewProps) {
  return (
    <details id="save-view" class="save-view" open={errors.length ? true : undefined} hx-swap-oob={oob ? 'true' : undefined}>
      <summary>Save as view</summary>
      <form method="post" action="/views" hx-post="/views" hx-target="#save-view" hx-swap="outerHTML" novalidate>
        <input type="hidden" name="entity" value={entity} />
        {params.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <FormErrors errors={errors} fields={['name', 'visibility']} />
        <Field name="name" label="View name" value={values.name} errors={errors} required maxlength={80} idSuffix="-view" />
        <SelectField name="visibility" label="Who sees it" options={visibilityOptions((v) => v !== 'workspace' || canShareWorkspace)} value={values.visibility ?? 'personal'} errors={errors} idSuffix="-view" />
        <p class="field-hint">Saves the filters and sort this list shows now.</p>
        <button type="submit">Save view</button>
      </form>
    </details>
  )
}
