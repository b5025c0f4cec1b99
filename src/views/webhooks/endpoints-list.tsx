import { Fragment, jsx } from '../jsx'
import type { WebhookEndpointRow } from '../../db/queries/webhook-endpoints'
import { DateTime } from '../components/date-time'
import { EndpointState } from './endpoint-state'

// /settings/webhooks: the workspace's endpoints and how each is doing. A workspace has a handful,
// so the list pages by plain links.

function EndpointsTable({ rows }: { rows: WebhookEndpointRow[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          <th scope="col">Event types</th>
          <th scope="col">State</th>
          <th scope="col">Last delivery</th>
          <th scope="col">Failing since</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr data-endpoint-id={e.id}>
            <td>
              <a href={`/settings/webhooks/${e.id}`}>{e.url}</a>
              {e.description ? <div class="muted">{e.description}</div> : null}
            </td>
            <td>{e.eventTypes.join(', ')}</td>
            <td>
              <EndpointState endpoint={e} />
            </td>
            <td>{e.lastDeliveryStatus ? <>{e.lastDeliveryStatus}, <DateTime value={e.lastDeliveryAt} /></> : <span class="muted">None yet</span>}</td>
            <td>{e.failingSince ? <DateTime value={e.failingSince} /> : <span class="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function EmptyState() {
  return (
    <div class="empty-state card">
      <h2>Send CRM events to your other systems</h2>
      <p>
        A webhook endpoint is an https address of yours. When something happens here, say a lead is created or a deal is won, we POST the event to it as JSON, signed with the endpoint’s secret so you can tell it is ours. You choose which event types each endpoint gets; failed deliveries are retried for about three days, and every attempt is in the endpoint’s delivery log.
      </p>
      <p>
        <a class="button" href="/settings/webhooks/new">
          Add your first endpoint
        </a>
      </p>
    </div>
  )
}

export function EndpointsListPage({ rows, cursor, nextCursor, notice }: { rows: WebhookEndpointRow[]; cursor?: string; nextCursor: string | null; notice?: string }) {
  return (
    <>
      <div class="page-header">
        <h1>Webhooks</h1>
        {rows.length || cursor ? (
          <a class="button" href="/settings/webhooks/new">
            New endpoint
          </a>
        ) : null}
      </div>
      {notice ? (
        <p class="flash" role="status">
          {notice}
        </p>
      ) : null}
      {rows.length ? <EndpointsTable rows={rows} /> : <EmptyState />}
      <nav class="pager" aria-label="Pages">
        {cursor ? <a href="/settings/webhooks">← First page</a> : null}
        {nextCursor ? (
          <a href={`/settings/webhooks?cursor=${encodeURIComponent(nextCursor)}`} rel="next">
            Next page →
          </a>
        ) : null}
      </nav>
    </>
  )
}
