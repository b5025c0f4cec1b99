import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { FieldError } from '../../lib/errors'

export type FieldProps = {
  name: string
  label: string
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'date' | 'datetime-local' | 'hidden' | 'file'
  // For a file input: the types the picker offers (".csv,text/csv"). Neither a file nor a
  // password is ever given a value: a password is not sent back, a file cannot be.
  accept?: string
  value?: string | null
  errors?: FieldError[]
  required?: boolean
  autocomplete?: string
  hint?: string
  autofocus?: boolean
  minlength?: number
  maxlength?: number
  // Keeps ids unique when two forms on one page share a field name.
  idSuffix?: string
  // Shown under the input, after its hint and errors (a live note about the value, say).
  children?: Child
}

// The one labelled input of every form: label, value, hint and this field's errors, wired with
// aria-invalid/aria-describedby so screen readers announce what needs fixing.
export function Field({ name, label, type = 'text', value, errors = [], required, autocomplete, hint, autofocus, minlength, maxlength, accept, idSuffix = '', children }: FieldProps) {
  const id = `f-${name}${idSuffix}`
  const mine = errors.filter((e) => e.path === name)
  const describedBy = [hint ? `${id}-hint` : null, mine.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  if (type === 'hidden') return <input type="hidden" name={name} value={value ?? ''} />
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' || type === 'file' ? undefined : (value ?? '')}
        accept={accept}
        required={required}
        autocomplete={autocomplete}
        autofocus={autofocus || (mine.length > 0 && errors[0]?.path === name)}
        minlength={minlength}
        maxlength={maxlength}
        aria-invalid={mine.length ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {hint ? <p class="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      <FieldErrorText id={id} errors={mine} />
      {children}
    </div>
  )
}

// The error line under an input; its id is what the input's aria-describedby points at.
export function FieldErrorText({ id, errors }: { id: string; errors: FieldError[] }) {
  if (!errors.length) return null
  return (
    <p class="field-error" id={`${id}-error`}>
      {errors.map((e) => e.message).join(' ')}
    </p>
  )
}

// A summary above a form that failed validation, listing errors not tied to a visible field.
export function FormErrors({ errors, fields }: { errors: FieldError[]; fields: string[] }) {
  const general = errors.filter((e) => !fields.includes(e.path))
  if (!errors.length) return null
  return (
    <div class="form-errors" role="alert">
      <p>Please fix the highlighted fields.</p>
      {general.length ? (
        <ul>
          {general.map((e) => (
            <li>{e.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
