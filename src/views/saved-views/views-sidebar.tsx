import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { ViewVisibility } from '../../domain/views/schemas'
import { COUNT_CAP_LABEL } from '../records/count'

export type SidebarView = { id: string; name: string; visibility: ViewVisibility; locked: boolean; canEdit: boolean; count: number }

const countLabel = (n: number) => (n > COUNT_CAP_LABEL.cap ? COUNT_CAP_LABEL.label : n.toLocaleString('en-US'))
const SHARED: Record<ViewVisibility, string | null> = { personal: 'Only you', team: 'Team', workspace: null }

// The saved views of a list, each a link (?view=<id>) with how many records it holds now. `noun`
// is the list's plural ("accounts").
export function ViewsSidebar({ base, noun, views, currentId, saveForm }: { base: string; noun: string; views: SidebarView[]; currentId: string | undefined; saveForm: Child }) {
  return (
    <nav class="views-sidebar" aria-label="Saved views">
      <h2>Views</h2>
      <ul class="view-list">
        <li>
          <a href={base} aria-current={currentId ? undefined : 'page'}>
            All {noun}
          </a>
        </li>
        {views.map((v) => (
          <li>
            <a href={`${base}?view=${v.id}`} aria-current={v.id === currentId ? 'page' : undefined}>
              {v.name}
            </a>{' '}
            <span class="view-count">
              {countLabel(v.count)}
              <span class="visually-hidden"> {v.count === 1 ? noun.slice(0, -1) : noun}</span>
            </span>
            {SHARED[v.visibility] ? <span class="view-tag">{SHARED[v.visibility]}</span> : null}
            {v.locked ? (
              <span class="view-tag" title="Only admins can change a locked view">
                Locked
              </span>
            ) : null}
            {v.canEdit ? (
              <a class="view-edit" href={`/views/${v.id}/edit`}>
                Edit<span class="visually-hidden"> view “{v.name}”</span>
              </a>
            ) : null}
          </li>
        ))}
      </ul>
      {views.length === 0 ? <p class="empty">No saved views yet. Filter the list, then save it as a view.</p> : null}
      {saveForm}
    </nav>
  )
}

// A list page with its views beside it, after the list in reading order.
export function WithViews({ sidebar, children }: { sidebar: Child; children: Child }) {
  return (
    <div class="with-views">
      <div class="with-views-main">{children}</div>
      {sidebar}
    </div>
  )
}
