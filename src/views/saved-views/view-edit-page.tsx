import { Fragment, jsx } from '../jsx'
import { ENTITY_LABELS, type ViewEntity } from '../../domain/views/catalogue'
import type { ViewVisibility } from '../../domain/views/schemas'
import type { FieldError } from '../../lib/errors'
import { ActionButton } from '../components/action-button'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { TextArea } from '../components/text-area'
import { visibilityOptions } from './save-view-form'

export type EditableView = { id: string; entity: ViewEntity; name: string; visibility: ViewVisibility; locked: boolean; builtinKey: string | null }

type Props = {
  view: EditableView
  // Why this person may not change the view (a locked view for anyone but admins), if so.
  refusal: string | null
  values: Record<string, string>
  errors: FieldError[]
  allowed: (v: ViewVisibility) => boolean
  isAdmin: boolean
}

const FILTER_HINT = 'Conditions as JSON: {"field": "status", "op": "equals", "value": "customer"}, combined with {"and": [...]}, {"or": [...]} or {"not": {...}}. Amounts and day counts are plain numbers you can change here.'

// Rename a view, share it differently, adjust its filter, lock it (admins) or delete it.
export function ViewEditPage({ view, refusal, values, errors, allowed, isAdmin }: Props) {
  const back = `/${view.entity}?view=${view.id}`
  return (
    <>
      <h1>Edit view “{view.name}”</h1>
      <p class="lead">
        A view of {ENTITY_LABELS[view.entity].toLowerCase()}. <a href={back}>Back to the view</a>
      </p>
      {view.locked ? <p role="status">This view is locked: only admins can change or delete it.</p> : null}
      {refusal ? (
        <p class="card narrow" role="status">
          {refusal}
        </p>
      ) : (
        <>
          <form method="post" action={`/views/${view.id}`} class="card narrow" novalidate>
            <FormErrors errors={errors} fields={['name', 'visibility', 'filter']} />
            <Field name="name" label="View name" value={values.name} errors={errors} required maxlength={80} />
            <SelectField name="visibility" label="Who sees it" options={visibilityOptions((v) => v === view.visibility || allowed(v))} value={values.visibility} errors={errors} />
            <TextArea name="filter" label="Filter" value={values.filter} errors={errors} rows={10} hint={FILTER_HINT} />
            <div class="form-actions">
              <button type="submit">Save changes</button>
              <a href={back}>Cancel</a>
            </div>
          </form>
          <div class="record-actions view-actions">
            {isAdmin && view.visibility === 'workspace' ? <ActionButton action={`/views/${view.id}/${view.locked ? 'unlock' : 'lock'}`} label={view.locked ? 'Unlock view' : 'Lock view'} /> : null}
            <ActionButton action={`/views/${view.id}/delete`} label="Delete view" />
          </div>
        </>
      )}
    </>
  )
}
