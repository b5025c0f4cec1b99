import { Fragment, jsx } from '../../views/jsx'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { filteredCountQuery } from '../../db/queries/views/records'
import { listViewsQuery, NO_SUCH_VIEW, type SavedView } from '../../db/queries/views/saved-views'
import { filterQueryString, type ListFilters } from '../../domain/records/list-query'
import { canSeeAmounts, viewerOf } from '../../domain/records/viewer'
import type { ViewEntity } from '../../domain/views/catalogue'
import { usesAmounts } from '../../domain/views/filter'
import { curatesWorkspaceViews, editRefusal } from '../../domain/views/rules'
import { parseSort } from '../../domain/views/schemas'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { isFragment } from '../../lib/htmx'
import { SaveViewForm } from '../../views/saved-views/save-view-form'
import { ViewsSidebar, WithViews } from '../../views/saved-views/views-sidebar'

// What every list page does for saved views: read the views (one round trip, before the page's
// batch, because their filters shape the page's queries), add each view's capped count to the
// page's batch, and render the sidebar. An htmx filter change needs only the applied view.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Each view's count is a statement in the page's batch; past this many, the sidebar stops.
const SIDEBAR_VIEWS = 30

export type ListViews = Awaited<ReturnType<typeof loadListViews>>

// ?view=<id> is the page's business, not the list query's: split off before parsing the rest.
// Anything but a UUID cannot name a view, so it is a 404 like an unknown one.
export function splitView(query: Record<string, string>): { view: string | undefined; query: Record<string, string> } {
  const { view, ...rest } = query
  if (view !== undefined && !UUID.test(view)) throw new AppError('NOT_FOUND', NO_SUCH_VIEW)
  return { view, query: rest }
}

export async function loadListViews(c: Context<AuthedEnv>, entity: ViewEntity, viewId: string | undefined) {
  const db = c.var.db
  const who = viewerOf(c.var.auth)
  const fragment = isFragment(c)
  const all = fragment && !viewId ? [] : await listViewsQuery(db, c.var.tenantId, who, entity)
  const current = viewId ? all.find((v) => v.id === viewId) : undefined
  if (viewId && !current) throw new AppError('NOT_FOUND', NO_SUCH_VIEW)
  // A view that filters on deal amounts is no use to someone who may not see them.
  const shown = fragment ? [] : all.filter((v) => canSeeAmounts(who) || !usesAmounts(entity, v.filter)).slice(0, SIDEBAR_VIEWS)
  return { entity, current, shown, fragment, counts: shown.map((v) => filteredCountQuery(db, c.var.tenantId, who, entity, v.filter)) }
}

// The list's own sort wins; without one, the view's.
export function withViewSort<F extends { sort?: string }>(f: F, entity: ViewEntity, view: SavedView | undefined): F & { dir?: 'asc' | 'desc' } {
  return view && !f.sort ? { ...f, ...(parseSort(entity, view.sort) as Pick<F, 'sort'> & { dir?: 'asc' | 'desc' }) } : f
}

const NOUNS: Record<ViewEntity, string> = { accounts: 'accounts', contacts: 'contacts', leads: 'leads', opportunities: 'deals', tasks: 'tasks' }

// The page, or for htmx the results with the save form swapped alongside (so it saves the filters
// just chosen). `counts` are the batch results of `lv.counts`, in order.
export function respondWithViews(c: Context<AuthedEnv>, lv: ListViews, p: { f: Partial<ListFilters>; counts: { n: number }[][]; table: Child; page: () => Child; title: string }) {
  c.header('Vary', 'HX-Request')
  const params = [...new URLSearchParams(filterQueryString(p.f)).entries()]
  const form = (oob: boolean) => <SaveViewForm entity={lv.entity} params={params} canShareWorkspace={curatesWorkspaceViews(c.var.role)} oob={oob} />
  if (lv.fragment) {
    return c.html(
      <>
        {p.table}
        {form(true)}
      </>,
    )
  }
  const who = viewerOf(c.var.auth)
  const views = lv.shown.map((v, i) => ({ ...v, canEdit: editRefusal(who, v) === null, count: p.counts[i]?.[0]?.n ?? 0 }))
  return c.render(<WithViews sidebar={<ViewsSidebar base={`/${lv.entity}`} noun={NOUNS[lv.entity]} views={views} currentId={lv.current?.id} saveForm={form(false)} />}>{p.page()}</WithViews>, { title: lv.current ? `${lv.current.name} · ${p.title}` : p.title })
}
