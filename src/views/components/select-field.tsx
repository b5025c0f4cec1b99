import { jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { FieldErrorText } from './field'

export type Option = { value: string; label: string }

// The labelled <select> counterpart of Field, with the same error wiring.
export function SelectField({ name, label, options, value, errors = [], required, idSuffix = '', hint }: { name: string; label: string; options: Option[]; value?: string | null; errors?: FieldError[]; required?: boolean; idSuffix?: string; hint?: string }) {
  const id = `f-${name}${idSuffix}`
  const mine = errors.filter((e) => e.path === name)
  const describedBy = [hint ? `${id}-hint` : null, mine.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} required={required} aria-invalid={mine.length ? 'true' : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <p class="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      <FieldErrorText id={id} errors={mine} />
    </div>
  )
}
