import { jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { FieldErrorText } from './field'

// The multi-line counterpart of Field (note bodies, descriptions), with the same label, hint and
// error wiring. `idSuffix` keeps ids unique when two forms on one page share a field name.
export function TextArea({ name, label, value, errors = [], required, rows = 4, maxlength, hint, idSuffix = '' }: { name: string; label: string; value?: string | null; errors?: FieldError[]; required?: boolean; rows?: number; maxlength?: number; hint?: string; idSuffix?: string }) {
  const id = `f-${name}${idSuffix}`
  const mine = errors.filter((e) => e.path === name)
  const describedBy = [hint ? `${id}-hint` : null, mine.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} required={required} maxlength={maxlength} aria-invalid={mine.length ? 'true' : undefined} aria-describedby={describedBy}>
        {value ?? ''}
      </textarea>
      {hint ? <p class="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      <FieldErrorText id={id} errors={mine} />
    </div>
  )
}
