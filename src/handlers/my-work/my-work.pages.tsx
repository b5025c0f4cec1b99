import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { myWorkQueries, SECTION_LIMIT } from '../../db/queries/my-work'
import { workWindows } from '../../domain/my-work/windows'
import { canSeeLeads, viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { MyWorkPage } from '../../views/my-work/my-work-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// The signed-in person's day: one batch of reads after the session, so two round trips in all.
export const myWorkPages = new Hono<AuthedEnv>()
myWorkPages.use('/my-work', requireUser, requirePermission('records.read'))

myWorkPages.get('/my-work', async (c) => {
  const viewer = viewerOf(c.var.auth)
  const windows = workWindows(new Date())
  const [overdue, today, upcoming, leads, deals] = await c.var.db.batch(myWorkQueries(c.var.db, c.var.tenantId, viewer, windows))
  return c.render(<MyWorkPage overdue={overdue} today={today} upcoming={upcoming} leads={canSeeLeads(viewer) ? leads : null} deals={deals} windows={windows} limit={SECTION_LIMIT} />, { title: 'My work' })
})
