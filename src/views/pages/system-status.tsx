import { jsx } from '../jsx'
export type SystemStatus = { db: boolean; checkedAt: Date; lastHeartbeat: Date | null }

// A fragment: the live system status card, swapped in by htmx on load and on "Check again".
export function SystemStatusCard({ status }: { status: SystemStatus }) {
  return (
    <div id="system-status" class="card">
      <dl class="facts">
        <dt>Database</dt>
        <dd data-state={status.db ? 'ok' : 'down'}>{status.db ? 'Connected' : 'Unreachable'}</dd>
        <dt>Last background job</dt>
        <dd>{status.lastHeartbeat ? <time datetime={status.lastHeartbeat.toISOString()}>{status.lastHeartbeat.toISOString()}</time> : 'None yet'}</dd>
        <dt>Checked at</dt>
        <dd>
          <time datetime={status.checkedAt.toISOString()}>{status.checkedAt.toISOString()}</time>
        </dd>
      </dl>
      <button type="button" hx-get="/status" hx-target="#system-status" hx-swap="outerHTML">
        Check again <span class="htmx-indicator" aria-hidden="true">…</span>
      </button>
    </div>
  )
}
