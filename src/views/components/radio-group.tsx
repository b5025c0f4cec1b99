import { jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { FieldErrorText } from './field'

export type RadioOption = { value: string; label: string; hint?: string }

// A labelled set of radios (a fieldset and its legend), each with a one-line explanation, and
// the group's errors wired as on Field.
export function RadioGroup({ name, legend, options, value, errors = [] }: { name: string; legend: string; options: RadioOption[]; value?: string | null; errors?: FieldError[] }) {
  const id = `f-${name}`
  const mine = errors.filter((e) => e.path === name)
  return (
    <fieldset class="field radio-group" aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <FieldErrorText id={id} errors={mine} />
      {options.map((o) => (
        <div class="radio-option">
          <div class="field-check">
            <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} checked={o.value === value} aria-describedby={o.hint ? `${id}-${o.value}-hint` : undefined} />
            <label for={`${id}-${o.value}`}>{o.label}</label>
          </div>
          {o.hint ? (
            <p class="field-hint" id={`${id}-${o.value}-hint`}>
              {o.hint}
            </p>
          ) : null}
        </div>
      ))}
    </fieldset>
  )
}
