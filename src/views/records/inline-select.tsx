import { jsx } from '../jsx'
import type { Option } from '../components/select-field'

// One field edited in place on a detail page (status, owner, stage). With htmx the change posts
// at once and the server answers with this same fragment; without JS the button submits and the
// server redirects back to the page.
export function InlineSelect({ action, name, label, value, options }: { action: string; name: string; label: string; value: string | null; options: Option[] }) {
  const id = `inline-${name}`
  return (
    <form method="post" action={action} class="inline-form inline-edit" hx-post={action} hx-trigger="change" hx-swap="outerHTML">
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <select id={id} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === (value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" class="secondary">
          Save
        </button>
      </noscript>
    </form>
  )
}
