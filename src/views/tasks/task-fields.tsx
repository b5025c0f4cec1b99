import { Fragment, jsx } from '../jsx'
import { RELATED_LABELS, relatedPath } from '../../domain/related/related'
import { RELATED_TYPES, TASK_TYPES, type RelatedType } from '../../domain/records/vocab'
import { TASK_TYPE_LABELS } from '../../domain/tasks/schemas'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { TextArea } from '../components/text-area'

export type TaskFormValues = Record<string, string>
export type MemberOption = { id: string; name: string }

const TYPE_OPTIONS = TASK_TYPES.map((t) => ({ value: t, label: TASK_TYPE_LABELS[t] }))

export const TASK_FORM_FIELDS = ['title', 'type', 'description', 'dueAt', 'remindAt', 'assigneeId']

// The task inputs, shared by the full form and the quick action on record pages (which shows the
// essentials only). Names are the TaskInput schema's keys; times are datetime-local in UTC.
export function TaskFields({ values, errors, members, full, idSuffix = '' }: { values: TaskFormValues; errors: FieldError[]; members: MemberOption[]; full: boolean; idSuffix?: string }) {
  return (
    <>
      <Field name="title" label="Task" value={values.title} errors={errors} required maxlength={200} autocomplete="off" autofocus={full} />
      <SelectField name="type" label="Type" value={values.type ?? 'todo'} errors={errors} options={TYPE_OPTIONS} idSuffix={idSuffix} />
      <Field name="dueAt" label="Due (UTC)" type="datetime-local" value={values.dueAt} errors={errors} />
      {full ? <Field name="remindAt" label="Remind me at (UTC)" type="datetime-local" value={values.remindAt} errors={errors} hint="At or before the due time." /> : null}
      <SelectField name="assigneeId" label="Assigned to" value={values.assigneeId} errors={errors} options={members.map((m) => ({ value: m.id, label: m.name }))} idSuffix={idSuffix} />
      {full ? <TextArea name="description" label="Details" value={values.description} errors={errors} maxlength={5000} /> : null}
    </>
  )
}

// Hidden inputs naming the record a form's entry is about.
export function RelatedInputs({ relatedType, relatedId }: { relatedType?: string; relatedId?: string }) {
  return (
    <>
      <input type="hidden" name="relatedType" value={relatedType ?? ''} />
      <input type="hidden" name="relatedId" value={relatedId ?? ''} />
    </>
  )
}

const isRelatedType = (v: string | undefined): v is RelatedType => (RELATED_TYPES as readonly (string | undefined)[]).includes(v)

// The one task form, for new and edit alike. The record a task is about is set where it is
// created (a record page's quick action, or /tasks/new?relatedType=…&relatedId=…) and kept.
export function TaskForm({ action, values, errors, members, relatedName, submitLabel, cancelHref }: { action: string; values: TaskFormValues; errors: FieldError[]; members: MemberOption[]; relatedName: string | null; submitLabel: string; cancelHref: string }) {
  const type = values.relatedType
  const id = values.relatedId
  return (
    <form method="post" action={action} class="card" novalidate>
      <FormErrors errors={errors} fields={TASK_FORM_FIELDS} />
      {isRelatedType(type) && id ? (
        <p>
          About {RELATED_LABELS[type].toLowerCase()} <a href={relatedPath({ type, id })}>{relatedName ?? 'this record'}</a>
        </p>
      ) : null}
      <RelatedInputs relatedType={type} relatedId={id} />
      <div class="form-grid">
        <TaskFields values={values} errors={errors} members={members} full />
      </div>
      <div class="form-actions">
        <button type="submit">{submitLabel}</button>
        <a href={cancelHref}>Cancel</a>
      </div>
    </form>
  )
}
