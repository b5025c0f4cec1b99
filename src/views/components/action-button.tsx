import { jsx } from '../jsx'
// A one-button POST form (revoke, deactivate, ...): works without JavaScript, and the CSRF check
// sees an ordinary same-origin form post.
export function ActionButton({ action, label, variant = 'secondary', inline }: { action: string; label: string; variant?: 'secondary' | 'link-button'; inline?: boolean }) {
  return (
    <form method="post" action={action} class={inline ? 'inline-form' : undefined}>
      <button type="submit" class={variant}>
        {label}
      </button>
    </form>
  )
}
