import { jsx } from '../jsx'
// A labelled checkbox, box first. Checked, it posts "on"; unchecked, a form posts nothing for
// it, so the schema reads a missing field as false.
export function CheckboxField({ name, label, checked, hint, idSuffix = '' }: { name: string; label: string; checked?: boolean; hint?: string; idSuffix?: string }) {
  const id = `f-${name}${idSuffix}`
  return (
    <div class="field">
      <div class="field-check">
        <input type="checkbox" id={id} name={name} checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
        <label for={id}>{label}</label>
      </div>
      {hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  )
}
