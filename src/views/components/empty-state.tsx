import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'

// What a list shows before it has anything: what the feature is for, and the button that starts it.
export function EmptyState({ title, action, children }: { title: string; action: { href: string; label: string }; children?: Child }) {
  return (
    <div class="empty-state card">
      <h2>{title}</h2>
      {children}
      <p>
        <a class="button" href={action.href}>
          {action.label}
        </a>
      </p>
    </div>
  )
}
