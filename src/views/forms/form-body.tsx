import { jsx } from '../jsx'
import type { FormField } from '../../domain/forms/fields'
import { INPUT_TYPES, TURNSTILE_SCRIPT, autocompleteFor } from '../../domain/forms/embed'
import type { FieldError } from '../../lib/errors'
import { Field, FieldErrorText, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'
import { TextArea } from '../components/text-area'

// The visitor-facing <form> of a lead capture form: the hosted page (/f/:key) renders it, and the
// plain HTML embed is this same markup as text, posted from someone else's site. Besides the
// form's own fields it carries the consent checkbox ("_consent"), the honeypot ("_hp"), the
// signed timestamp ("_ts") when there is one, and Turnstile's widget when a site key is set.

export type VisitorForm = { key: string; name: string; fields: FormField[]; consentText: string | null; turnstileSiteKey: string | null }

export type FormBodyProps = {
  form: VisitorForm
  action: string
  values: Record<string, string>
  // Paths are field names, "_consent", or anything else for the form as a whole.
  errors: FieldError[]
  timestamp: string | null
  // The copyable embed: no stylesheet of ours there, so the honeypot hides itself inline, and ids
  // carry the key so they cannot clash with the host page's own.
  snippet?: boolean
}

function CheckboxInput({ name, label, checked, required, errors, idSuffix }: { name: string; label: string; checked: boolean; required?: boolean; errors: FieldError[]; idSuffix: string }) {
  const id = `f-${name}${idSuffix}`
  const mine = errors.filter((e) => e.path === name)
  return (
    <div class="field">
      <div class="field-check">
        <input type="checkbox" id={id} name={name} checked={checked} required={required} aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? `${id}-error` : undefined} />
        <label for={id}>{label}</label>
      </div>
      <FieldErrorText id={id} errors={mine} />
    </div>
  )
}

function Control({ field: f, values, errors, idSuffix }: { field: FormField; values: Record<string, string>; errors: FieldError[]; idSuffix: string }) {
  const common = { name: f.name, label: f.label, errors, required: f.required, idSuffix }
  if (f.type === 'hidden') return <input type="hidden" name={f.name} value={f.options?.[0] ?? ''} />
  if (f.type === 'checkbox') return <CheckboxInput {...common} checked={values[f.name] !== undefined} />
  if (f.type === 'textarea') return <TextArea {...common} value={values[f.name]} maxlength={5000} />
  if (f.type === 'select') {
    const options = [{ value: '', label: 'Choose…' }, ...(f.options ?? []).map((o) => ({ value: o, label: o }))]
    return <SelectField {...common} options={options} value={values[f.name] ?? ''} />
  }
  return <Field {...common} type={INPUT_TYPES[f.type] ?? 'text'} value={values[f.name]} autocomplete={autocompleteFor(f)} maxlength={500} />
}

// Off-screen rather than display:none, which some bots skip; out of the tab order and hidden from
// screen readers, so only a bot fills it. Its label says what to do to anyone who meets it anyway.
function Honeypot({ idSuffix, snippet }: { idSuffix: string; snippet?: boolean }) {
  return (
    <div class="hp" aria-hidden="true" style={snippet ? 'position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden' : undefined}>
      <label for={`f-_hp${idSuffix}`}>Leave this field empty</label>
      <input type="text" id={`f-_hp${idSuffix}`} name="_hp" value="" tabindex={-1} autocomplete="off" />
    </div>
  )
}

export function FormBody({ form, action, values, errors, timestamp, snippet }: FormBodyProps) {
  const idSuffix = snippet ? `-${form.key}` : ''
  const known = [...form.fields.map((f) => f.name), '_consent']
  return (
    <form method="post" action={action} class="crm-form">
      <FormErrors errors={errors} fields={known} />
      {form.fields.map((f) => (
        <Control field={f} values={values} errors={errors} idSuffix={idSuffix} />
      ))}
      {form.consentText ? <CheckboxInput name="_consent" label={form.consentText} checked={values._consent !== undefined} errors={errors} idSuffix={idSuffix} /> : null}
      <Honeypot idSuffix={idSuffix} snippet={snippet} />
      {timestamp ? <input type="hidden" name="_ts" value={timestamp} /> : null}
      {form.turnstileSiteKey ? <div class="cf-turnstile" data-sitekey={form.turnstileSiteKey}></div> : null}
      {snippet && form.turnstileSiteKey ? <script src={TURNSTILE_SCRIPT} async defer></script> : null}
      <button type="submit">Send</button>
    </form>
  )
}

// The plain HTML embed as text to copy: the same markup, one element per line.
export function plainHtmlEmbed(props: Omit<FormBodyProps, 'snippet' | 'timestamp' | 'values' | 'errors'>): string {
  const node = <FormBody {...props} values={{}} errors={[]} timestamp={null} snippet />
  const html: unknown = node instanceof Promise ? node : node.toString()
  if (typeof html !== 'string') throw new Error('the form body must render synchronously')
  return html.replace(/<(div class="field"|div class="hp"|div class="cf-turnstile"|script|input type="hidden"|button|\/form)/g, '\n<$1').trim()
}
