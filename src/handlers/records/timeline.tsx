import type { Context } from 'hono'
import { listActiveMembers } from '../../db/queries/records/columns'
import { timelinePage } from '../../db/queries/timeline'
import type { EntityType } from '../../domain/timeline/entities'
import type { AuthedEnv } from '../../env'
import { Timeline, TimelineItems } from '../../views/timeline/timeline-list'

const PAGE = 20

// The lazily loaded history of a record page. The caller has already checked the viewer may see
// the record. Owner ids in diffs are shown as names; `names` adds others (stages).
export async function renderTimeline(c: Context<AuthedEnv>, entityType: EntityType, id: string, labels: Record<string, string>, names: Record<string, string> = {}) {
  const cursor = c.req.query('cursor') || undefined
  const [page, members] = await Promise.all([timelinePage(c.var.db, c.var.tenantId, entityType, id, { limit: PAGE, cursor }), listActiveMembers(c.var.db, c.var.tenantId)])
  const allNames = { ...Object.fromEntries(members.map((m) => [m.id, m.name])), ...names }
  const next = page.nextCursor ? `${c.req.path}?cursor=${page.nextCursor}` : null
  const props = { events: page.events, next, labels, names: allNames }
  // An older page continues the list in place; the first load fills the history section.
  return c.html(cursor ? <TimelineItems {...props} /> : <Timeline {...props} />)
}
