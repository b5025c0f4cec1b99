import { Fragment, jsx } from '../jsx'
import type { WebhookEndpoint } from '../../db/queries/webhook-endpoints'

// Enabled, or disabled with why: by a person, or by us after it kept failing (or answered 410).
export function EndpointState({ endpoint: e }: { endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabledReason'> }) {
  if (e.enabled) return <span class="badge">Enabled</span>
  return (
    <>
      <span class="badge badge-muted">Disabled</span> {e.disabledReason ? <span class="muted">{e.disabledReason}</span> : null}
    </>
  )
}
