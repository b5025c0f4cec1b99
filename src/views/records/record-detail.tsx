import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import { ActionButton } from '../components/action-button'

// The frame of every record page: title and actions, key facts first, then related records and
// quick actions, and the history, which loads after the page (and again when a quick action
// changes it) so the first paint costs no timeline query.
export function RecordDetail({ title, subtitle, archived, actions, facts, children, timelineUrl }: { title: string; subtitle?: Child; archived: boolean; actions: Child; facts: Child; children?: Child; timelineUrl: string }) {
  return (
    <article class="record">
      <header class="record-header">
        <div>
          <h1>{title}</h1>
          {subtitle ? <p class="lead">{subtitle}</p> : null}
        </div>
        <div class="record-actions">{actions}</div>
      </header>
      {archived ? (
        <p class="flash flash-error" role="status">
          This record is archived. It stays readable and can be restored.
        </p>
      ) : null}
      <section class="card record-facts" aria-label="Key fields">
        {facts}
      </section>
      <div class="record-body">
        <div class="record-main">{children}</div>
        <section class="record-timeline" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <div hx-get={timelineUrl} hx-trigger="load, timeline-changed from:body" hx-swap="innerHTML">
            <a href={timelineUrl}>Show history</a>
          </div>
        </section>
      </div>
    </article>
  )
}

export function Fact({ label, children }: { label: string; children?: Child }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? <span class="muted">—</span>}</dd>
    </>
  )
}

export function TagChips({ tags }: { tags: { name: string; colour: string }[] }) {
  return (
    <>
      {tags.map((t) => (
        <span class={`tag tag-${t.colour}`}>{t.name}</span>
      ))}
    </>
  )
}

// Edit, and archive or restore: the actions every record page offers, as the role allows.
export function EditArchiveActions({ path, archived, canEdit, canArchive }: { path: string; archived: boolean; canEdit: boolean; canArchive: boolean }) {
  return (
    <>
      {canEdit && !archived ? (
        <a class="button secondary" href={`${path}/edit`}>
          Edit
        </a>
      ) : null}
      {canArchive ? <ActionButton action={`${path}/${archived ? 'restore' : 'archive'}`} label={archived ? 'Restore' : 'Archive'} /> : null}
    </>
  )
}
