import { Fragment, jsx } from '../jsx'
import { ACTIVITY_TYPE_LABELS, outcomeLabel } from '../../domain/activities/schemas'
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { Field, FieldErrorText } from '../components/field'
import { SelectField } from '../components/select-field'
import { TextArea } from '../components/text-area'

export const ACTIVITY_FORM_FIELDS = ['type', 'outcome', 'subject', 'body', 'occurredAt', 'durationMinutes']

// Outcomes grouped by the type they belong to, so the choice works without JS; the server checks
// that the pair fits.
function OutcomeSelect({ value, errors }: { value?: string; errors: FieldError[] }) {
  const id = 'f-outcome'
  const mine = errors.filter((e) => e.path === 'outcome')
  return (
    <div class="field">
      <label for={id}>Outcome</label>
      <select id={id} name="outcome" required aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? `${id}-error` : undefined}>
        {ACTIVITY_TYPES.map((type) => (
          <optgroup label={ACTIVITY_TYPE_LABELS[type]}>
            {ACTIVITY_OUTCOMES[type].map((o) => (
              <option value={o} selected={o === value}>
                {outcomeLabel(o)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldErrorText id={id} errors={mine} />
    </div>
  )
}

// The inputs of a logged call, email or meeting. Names are the ActivityInput schema's keys.
export function ActivityFields({ values, errors, idSuffix = '' }: { values: Record<string, string>; errors: FieldError[]; idSuffix?: string }) {
  return (
    <>
      <SelectField name="type" label="Type" value={values.type ?? 'call'} errors={errors} options={ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))} idSuffix={idSuffix} />
      <OutcomeSelect value={values.outcome} errors={errors} />
      <Field name="subject" label="Subject" value={values.subject} errors={errors} required maxlength={200} autocomplete="off" />
      <Field name="occurredAt" label="When (UTC)" type="datetime-local" value={values.occurredAt} errors={errors} hint="Leave empty for now." />
      <Field name="durationMinutes" label="Duration (minutes)" type="number" value={values.durationMinutes} errors={errors} />
      <TextArea name="body" label="Notes" value={values.body} errors={errors} rows={3} maxlength={10_000} idSuffix={idSuffix} />
    </>
  )
}
