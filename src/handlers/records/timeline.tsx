import type { Context } from 'hono'
import type { BatchItem } from 'drizzle-orm/batch'
import { listActiveMembers } from '../../db/queries/records/columns'
import { timelinePage, timelinePageQuery } from '../../db/queries/timeline'
import type { EntityType } from '../../domain/timeline/entities'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { Timeline, TimelineItems } from '../../views/timeline/timeline-list'

const PAGE = 20

// The lazily loaded history of a record page. `access` is the record's own visibility-scoped
// read: batched with the events and the member names, the whole fragment costs one round trip
// after the session. Without it the caller must already have checked access. Owner ids in diffs
// are shown as names; `names` adds others (stages).
export async function renderTimeline(c: Context<AuthedEnv>, entityType: EntityType, id: string, labels: Record<string, string>, { names = {}, access }: { names?: Record<string, string>; access?: BatchItem<'pg'> } = {}) {
  const cursor = c.req.query('cursor') || undefined
  const db = c.var.db
  const q = timelinePageQuery(db, c.var.tenantId, entityType, id, { limit: PAGE, cursor })
  const members = listActiveMembers(db, c.var.tenantId)
  let page: Awaited<ReturnType<typeof timelinePage>>
  let people: Awaited<typeof members>
  if (access) {
    const [found, rows, m] = await db.batch([access, q.query, members])
    if (!(found as unknown[]).length) throw new AppError('NOT_FOUND', 'No such record in this workspace.')
    page = q.page(rows)
    people = m
  } else {
    const [rows, m] = await db.batch([q.query, members])
    page = q.page(rows)
    people = m
  }
  const allNames = { ...Object.fromEntries(people.map((m) => [m.id, m.name])), ...names }
  const next = page.nextCursor ? `${c.req.path}?cursor=${page.nextCursor}` : null
  const props = { events: page.events, next, labels, names: allNames }
  // An older page continues the list in place; the first load fills the history section.
  return c.html(cursor ? <TimelineItems {...props} /> : <Timeline {...props} />)
}
