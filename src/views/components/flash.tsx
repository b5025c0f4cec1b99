import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'

export type FlashKind = 'info' | 'success' | 'error'

// One message for the #flash live region. htmx responses can target it out of band.
export function Flash({ kind, message }: { kind: FlashKind; message: string }) {
  return (
    <p class={`flash flash-${kind}`} role={kind === 'error' ? 'alert' : undefined}>
      {message}
    </p>
  )
}

// A page with the message a redirect brought (see flash-messages.ts) above it.
export function NoticeAbove({ notice, children }: { notice: string | undefined; children?: Child }) {
  return (
    <>
      {notice ? <Flash kind="info" message={notice} /> : null}
      {children}
    </>
  )
}
