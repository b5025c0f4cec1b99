import type { Db } from '../../db/client'
import { exportCountQuery, exportListing } from '../../db/queries/export-rows'
import type { Cell } from '../../domain/exports/csv'
import type { Viewer } from '../../domain/records/viewer'
import type { ViewEntity } from '../../domain/views/catalogue'
import type { FilterNode } from '../../domain/views/filter'
import { exportColumns, toCells } from '../../views/exports/columns'

// An export: the list's rows (db/queries/export-rows.ts) as CSV cells of the list's columns.

export type ExportQuery = { entity: ViewEntity; filters: Record<string, unknown>; view: FilterNode | undefined }

export type ExportSource = ReturnType<typeof exportSource>

// Building a statement compiles the filters, so an invalid `filter=` document (422) or one on
// amounts the viewer may not see (403) fails here, before any response has begun.
export function exportSource<E extends ViewEntity>(db: Db, tenantId: string, viewer: Viewer, q: ExportQuery & { entity: E }) {
  const columns = exportColumns(q.entity, viewer)
  const list = (cursor: string | undefined, limit: number) => exportListing(db, tenantId, viewer, q.entity, q.filters, q.view, cursor, limit)
  return {
    header: columns.map((c) => c.header),
    count: (cap: number) => exportCountQuery(db, list(undefined, cap).rows),
    // One chunk of rows after `cursor` as CSV cells: one query.
    async chunk(cursor: string | undefined, limit: number): Promise<{ cells: Cell[][]; nextCursor: string | null }> {
      const listing = list(cursor, limit)
      const page = listing.page(await listing.rows)
      return { cells: toCells(columns, page.data), nextCursor: page.nextCursor }
    },
  }
}
