import { Fragment, jsx } from '../jsx'
import type { WebhookEndpointRow } from '../../db/queries/webhook-endpoints'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'
import { DeliveryLog, DELIVERY_LOG_ID, type DeliveryLogProps } from './delivery-log'
import { EndpointState } from './endpoint-state'

// An endpoint's page: its settings, its secret right after it was made (once), the actions, and
// its delivery log.

function SecretReveal({ secret }: { secret: string }) {
  return (
    <div class="card token-reveal" role="status">
      <p>
        <strong>Copy this signing secret now. It will not be shown again.</strong> Your receiver needs it to verify each delivery’s webhook-signature header. Lost it? Rotate the secret to get a new one.
      </p>
      <label for="webhook-secret">Signing secret</label>
      <input id="webhook-secret" type="text" readonly value={secret} class="token-value" autocomplete="off" spellcheck={false} />
    </div>
  )
}

export function EndpointPage({ endpoint: e, secret, log }: { endpoint: WebhookEndpointRow; secret?: string; log: Omit<DeliveryLogProps, 'endpointId'> }) {
  const base = `/settings/webhooks/${e.id}`
  return (
    <>
      <p>
        <a href="/settings/webhooks">← Webhooks</a>
      </p>
      <div class="page-header">
        <h1>{e.url}</h1>
        <a class="button" href={`${base}/edit`}>
          Edit
        </a>
      </div>
      {secret ? <SecretReveal secret={secret} /> : null}
      <section class="record-facts card" aria-labelledby="endpoint-settings">
        <h2 id="endpoint-settings">Settings</h2>
        <dl>
          <dt>Description</dt>
          <dd>{e.description ?? <span class="muted">None</span>}</dd>
          <dt>Event types</dt>
          <dd>{e.eventTypes.join(', ')}</dd>
          <dt>State</dt>
          <dd>
            <EndpointState endpoint={e} />
          </dd>
          <dt>Failing since</dt>
          <dd>{e.failingSince ? <DateTime value={e.failingSince} /> : <span class="muted">Not failing</span>}</dd>
          <dt>Created</dt>
          <dd>
            <DateTime value={e.createdAt} />
          </dd>
        </dl>
      </section>
      <div class="form-actions">
        <form method="post" action={`${base}/test`} class="inline-form" hx-post={`${base}/test`} hx-target={`#${DELIVERY_LOG_ID}`} hx-swap="outerHTML">
          <button type="submit">Send test event</button>
        </form>
        {e.enabled ? null : <ActionButton action={`${base}/enable`} label="Enable again" inline />}
        <ActionButton action={`${base}/rotate-secret`} label="Rotate secret" inline />
        <a href={`${base}/delete`}>Delete…</a>
      </div>
      <DeliveryLog endpointId={e.id} {...log} />
    </>
  )
}

export function DeleteEndpointPage({ endpoint: e }: { endpoint: WebhookEndpointRow }) {
  return (
    <>
      <h1>Delete this endpoint?</h1>
      <div class="card narrow">
        <p>
          Events stop going to <strong>{e.url}</strong> at once, and its delivery log is deleted with it. This cannot be undone; to pause it instead, edit it and untick Enabled.
        </p>
        <div class="form-actions">
          <form method="post" action={`/settings/webhooks/${e.id}/delete`} class="inline-form">
            <button type="submit" class="danger" autofocus>
              Delete endpoint
            </button>
          </form>
          <a href={`/settings/webhooks/${e.id}`}>Cancel</a>
        </div>
      </div>
    </>
  )
}
