import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'

// The narrow centred card every signed-out page (sign-in, sign-up, reset, invitation) sits in.
export function AuthCard({ title, intro, children, footer }: { title: string; intro?: Child; children: Child; footer?: Child }) {
  return (
    <section class="auth-card card">
      <h1>{title}</h1>
      {intro ? <p class="lead">{intro}</p> : null}
      {children}
      {footer ? <p class="auth-footer">{footer}</p> : null}
    </section>
  )
}
