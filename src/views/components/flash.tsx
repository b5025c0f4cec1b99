export type FlashKind = 'info' | 'success' | 'error'

// One message for the #flash live region. htmx responses can target it out of band.
export function Flash({ kind, message }: { kind: FlashKind; message: string }) {
  return (
    <p class={`flash flash-${kind}`} role={kind === 'error' ? 'alert' : undefined}>
      {message}
    </p>
  )
}
