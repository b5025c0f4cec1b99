import type { FieldError } from '../../lib/errors'
import { FieldErrorText } from './field'

export type Option = { value: string; label: string }

// The labelled <select> counterpart of Field, with the same error wiring.
export function SelectField({ name, label, options, value, errors = [], required, idSuffix = '' }: { name: string; label: string; options: Option[]; value?: string | null; errors?: FieldError[]; required?: boolean; idSuffix?: string }) {
  const id = `f-${name}${idSuffix}`
  const mine = errors.filter((e) => e.path === name)
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} required={required} aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? `${id}-error` : undefined}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrorText id={id} errors={mine} />
    </div>
  )
}
