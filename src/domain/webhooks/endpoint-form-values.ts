import type { FieldError } from '../../lib/errors'

// The endpoint form's inputs. Each event type is its own checkbox named "event:<type>" (a
// family's "all" box is "event:<family>.*"), so the form reads back as plain fields.

export type EndpointFormValues = { url: string; description: string; enabled: boolean; eventTypes: string[] }
export const NEW_ENDPOINT_VALUES: EndpointFormValues = { url: '', description: '', enabled: true, eventTypes: [] }

export const EVENT_PREFIX = 'event:'

// What the posted form says, unvalidated (a 422 shows it again as typed).
export function endpointFormValues(form: Record<string, string>): EndpointFormValues {
  const eventTypes = Object.keys(form)
    .filter((k) => k.startsWith(EVENT_PREFIX))
    .map((k) => k.slice(EVENT_PREFIX.length))
  return { url: form.url ?? '', description: form.description ?? '', enabled: form.enabled !== undefined, eventTypes }
}

export const endpointFormToInput = (v: EndpointFormValues) => ({ url: v.url, description: v.description, eventTypes: v.eventTypes, enabled: v.enabled })

// "eventTypes.2" is about one box, but the boxes share one error line.
export const endpointFormErrors = (errors: FieldError[]): FieldError[] => errors.map((e) => (e.path.startsWith('eventTypes') ? { ...e, path: 'eventTypes' } : e))

