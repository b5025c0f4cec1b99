import { jsx } from '../../views/jsx'
import type { Context } from 'hono'
import { timelineWithAccess, type AccessQuery } from '../../db/queries/timeline'
import type { EntityType } from '../../domain/timeline/entities'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { Timeline, TimelineItems } from '../../views/timeline/timeline-list'

const PAGE = 20

// The lazily loaded history of a record page. `access` is the record's own visibility-scoped
// read; batched with the events and the member names, the fragment costs one round trip after
// the session. Owner ids in diffs are shown as names; `names` adds others (stages, accounts).
export async function renderTimeline(c: Context<AuthedEnv>, entityType: EntityType, id: string, labels: Record<string, string>, { names = {}, access }: { names?: Record<string, string>; access: AccessQuery }) {
  const cursor = c.req.query('cursor') || undefined
  const found = await timelineWithAccess(c.var.db, c.var.tenantId, entityType, id, { limit: PAGE, cursor }, access)
  if (!found) throw new AppError('NOT_FOUND', 'No such record in this workspace.')
  const allNames = { ...Object.fromEntries(found.members.map((m) => [m.id, m.name])), ...names }
  const next = found.nextCursor ? `${c.req.path}?cursor=${found.nextCursor}` : null
  const props = { events: found.events, next, labels, names: allNames }
  // An older page continues the list in place; the first load fills the history section.
  return c.html(cursor ? <TimelineItems {...props} /> : <Timeline {...props} />)
}
