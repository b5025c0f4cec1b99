import type { Db } from '../../db/client'
import { getView, NO_SUCH_VIEW } from '../../db/queries/views/saved-views'
import { withoutBlanks } from '../../domain/records/list-query'
import { canSeeLeads, type Viewer } from '../../domain/records/viewer'
import type { ViewEntity } from '../../domain/views/catalogue'
import { LIST_QUERIES } from '../../domain/views/from-list'
import { AppError } from '../../lib/errors'
import { exportSource } from '../../lib/exports/source'
import { parseOrThrow } from '../../lib/validation'
import { splitView, withViewSort } from '../views/list-views'

// An export asks for a list as its page's URL would show it: the list's query parameters (filters,
// `filter=`, sort, and `view=` for a saved view). The page, the API and the export job all read
// the request the way the list page does, so the file holds what the list showed.
export type ExportAsk = { entity: ViewEntity; params: Record<string, string> }

export async function resolveExport(db: Db, tenantId: string, viewer: Viewer, ask: ExportAsk) {
  // Support works with customers; leads are not theirs, here as on the list.
  if (ask.entity === 'leads' && !canSeeLeads(viewer)) throw new AppError('FORBIDDEN', 'Your role does not work with leads.')
  const { view: viewId, query } = splitView(withoutBlanks(ask.params))
  const view = viewId ? await getView(db, tenantId, viewer, viewId) : undefined
  if (view && view.entity !== ask.entity) throw new AppError('NOT_FOUND', NO_SUCH_VIEW)
  // An export starts at the first row, whatever page the list was on.
  const { cursor: _cursor, limit: _limit, ...parsed } = parseOrThrow(LIST_QUERIES[ask.entity], query)
  const sorted: Record<string, unknown> = withViewSort(parsed as { sort?: string }, ask.entity, view)
  // As on the task list: open tasks unless its filter or a view says otherwise.
  const filters = ask.entity === 'tasks' ? { ...sorted, status: sorted.status ?? (view ? 'all' : 'open') } : sorted
  const { sort: _sort, dir: _dir, ...filter } = filters
  return {
    view,
    source: exportSource(db, tenantId, viewer, { entity: ask.entity, filters, view: view?.filter }),
    audit: { entity: ask.entity, ...(viewId ? { viewId } : {}), filter },
  }
}
