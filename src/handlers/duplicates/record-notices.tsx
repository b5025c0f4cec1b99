import { jsx } from '../../views/jsx'
import type { Context } from 'hono'
import * as z from 'zod'
import { mergeNoticesQuery, type MergeNotice } from '../../db/queries/merge-notices'
import { can } from '../../domain/access/permissions'
import type { MergeEntity } from '../../domain/dedupe/merge-fields'
import type { AuthedEnv } from '../../env'
import { MergeNotices, MergeWithLink } from '../../views/duplicates/merge-notices'

// The merge parts of a lead or contact page: a query to batch with the page's own reads (the
// merge named by ?merged= after a merge or undo, and where a merged record went), then the
// notices above the page and the "Merge with…" action. A merged record cannot be restored by
// hand; undoing its merge is the way back.
export function recordMerges(c: Context<AuthedEnv>, entity: MergeEntity, id: string) {
  const named = c.req.query('merged')
  const canMerge = can(c.var.role, 'records.merge')
  return {
    query: mergeNoticesQuery(c.var.db, c.var.tenantId, entity, id, named && z.uuid().safeParse(named).success ? named : null),
    parts: (notices: MergeNotice[]) => {
      const merged = notices.some((n) => n.loserId === id && !n.undoneAt)
      return { merged, notice: <MergeNotices entity={entity} recordId={id} notices={notices} canMerge={canMerge} />, action: canMerge && !merged ? <MergeWithLink entity={entity} id={id} /> : null }
    },
  }
}
