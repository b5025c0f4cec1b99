import { jsx } from '../jsx'
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/catalogue'
import { WEBHOOK_FAMILIES } from '../../domain/webhooks/endpoint-schema'
import { EVENT_PREFIX, type EndpointFormValues } from '../../domain/webhooks/endpoint-form-values'
import type { FieldError } from '../../lib/errors'
import { CheckboxField } from '../components/checkbox-field'
import { Field, FieldErrorText, FormErrors } from '../components/field'
import { TextArea } from '../components/text-area'

// The one endpoint form, for a new endpoint and an edit alike (inputs: endpoint-form-values.ts).

const typesOf = (family: string) => Object.entries(WEBHOOK_EVENT_TYPES).filter(([t]) => t.startsWith(`${family}.`))

function EventTypes({ selected, errors }: { selected: string[]; errors: FieldError[] }) {
  const mine = errors.filter((e) => e.path === 'eventTypes')
  return (
    <fieldset class="field event-types" aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? 'f-eventTypes-error' : 'f-eventTypes-hint'}>
      <legend>Event types</legend>
      <p class="field-hint" id="f-eventTypes-hint">
        Only the events ticked here are sent. “All … events” also takes event types we add to that family later.
      </p>
      <FieldErrorText id="f-eventTypes" errors={mine} />
      {WEBHOOK_FAMILIES.map((family) => (
        <fieldset class="event-family">
          <legend>{family}</legend>
          <CheckboxField name={`${EVENT_PREFIX}${family}.*`} label={`All ${family} events (${family}.*)`} checked={selected.includes(`${family}.*`)} />
          {typesOf(family).map(([type, description]) => (
            <CheckboxField name={`${EVENT_PREFIX}${type}`} label={type} hint={description} checked={selected.includes(type)} />
          ))}
        </fieldset>
      ))}
    </fieldset>
  )
}

export type EndpointFormProps = { action: string; values: EndpointFormValues; errors: FieldError[]; submitLabel: string; cancelHref: string }

export function EndpointForm({ action, values, errors, submitLabel, cancelHref }: EndpointFormProps) {
  return (
    <form method="post" action={action} novalidate class="card">
      <FormErrors errors={errors} fields={['url', 'description', 'eventTypes']} />
      <Field name="url" label="Endpoint URL" type="url" value={values.url} errors={errors} required maxlength={2000} hint="A public https address, like https://example.com/webhooks/crm. Each event is POSTed here as JSON, signed." />
      <TextArea name="description" label="Description" value={values.description} errors={errors} rows={2} maxlength={500} hint="Optional: what receives these events, for your team." />
      <EventTypes selected={values.eventTypes} errors={errors} />
      <CheckboxField name="enabled" label="Enabled" checked={values.enabled} hint="Unticked, nothing is sent to it (its delivery log is kept)." />
      <div class="form-actions">
        <button type="submit">{submitLabel}</button>
        <a href={cancelHref}>Cancel</a>
      </div>
    </form>
  )
}
