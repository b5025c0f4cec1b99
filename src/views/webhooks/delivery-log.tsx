import { jsx } from '../jsx'
import type { DeliveryRow } from '../../db/queries/webhook-deliveries-list'
import type { DeliveryStatus } from '../../domain/webhooks/catalogue'
import { DELIVERY_STATUSES } from '../../domain/webhooks/catalogue'
import { DateTime } from '../components/date-time'

// An endpoint's delivery log: each delivery with its attempts behind a <details> (keyboard and
// screen-reader friendly without script), and Replay. "Send test event" and Replay answer htmx
// with this region again, a plain post with a redirect.

export const DELIVERY_LOG_ID = 'delivery-log'

export type DeliveryLogProps = { endpointId: string; rows: DeliveryRow[]; counts: Partial<Record<DeliveryStatus, number>>; cursor?: string; nextCursor: string | null; notice?: string }

function Attempts({ delivery: d }: { delivery: DeliveryRow }) {
  if (!d.attemptLog.length) return <p class="muted">Not attempted yet.</p>
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Attempted</th>
          <th scope="col">Status</th>
          <th scope="col">Latency</th>
          <th scope="col">Response</th>
        </tr>
      </thead>
      <tbody>
        {d.attemptLog.map((a) => (
          <tr>
            <td>
              <DateTime value={a.attemptedAt} />
            </td>
            <td>{a.statusCode ?? 'No response'}</td>
            <td>{`${a.latencyMs} ms`}</td>
            <td>
              <code class="response-snippet">{a.responseSnippet ?? a.error ?? ''}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ReplayButton({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const action = `/settings/webhooks/${endpointId}/deliveries/${deliveryId}/replay`
  return (
    <form method="post" action={action} class="inline-form" hx-post={action} hx-target={`#${DELIVERY_LOG_ID}`} hx-swap="outerHTML">
      <button type="submit" class="secondary">
        Replay
      </button>
    </form>
  )
}

export function DeliveryLog({ endpointId, rows, counts, cursor, nextCursor, notice }: DeliveryLogProps) {
  const base = `/settings/webhooks/${endpointId}`
  return (
    <section id={DELIVERY_LOG_ID} aria-labelledby="delivery-log-title">
      <h2 id="delivery-log-title">Delivery log</h2>
      {notice ? (
        <p class="flash" role="status">
          {notice}
        </p>
      ) : null}
      <p class="muted">{DELIVERY_STATUSES.map((s) => `${counts[s] ?? 0} ${s}`).join(' · ')}</p>
      {rows.length === 0 ? (
        <p class="empty">No deliveries yet. Send a test event to see one.</p>
      ) : (
        <ul class="delivery-log">
          {rows.map((d) => (
            <li data-delivery-id={d.id}>
              <details>
                <summary>
                  <strong>{d.eventType}</strong> — {d.status}, {`${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`}
                  {d.lastStatusCode ? `, last answered ${d.lastStatusCode}` : ''}, created <DateTime value={d.createdAt} />
                </summary>
                {d.nextAttemptAt && d.status === 'retrying' ? (
                  <p>
                    Next attempt <DateTime value={d.nextAttemptAt} />
                  </p>
                ) : null}
                <Attempts delivery={d} />
              </details>
              <ReplayButton endpointId={endpointId} deliveryId={d.id} />
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label="Delivery pages">
        {cursor ? <a href={base}>← Newest</a> : null}
        {nextCursor ? (
          <a href={`${base}?cursor=${encodeURIComponent(nextCursor)}`} rel="next">
            Older deliveries →
          </a>
        ) : null}
      </nav>
    </section>
  )
}
