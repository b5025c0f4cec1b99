import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { pingDatabase } from '../../db/queries/health'
import { listHeartbeats } from '../../db/queries/heartbeats'
import type { AuthedEnv } from '../../env'
import { HomePage } from '../../views/pages/home-page'
import { SystemStatusCard } from '../../views/pages/system-status'
import { requireUser } from '../middleware/session'

export const homePages = new Hono<AuthedEnv>()

homePages.use('/', requireUser)
homePages.use('/status', requireUser)

homePages.get('/', (c) => c.render(<HomePage name={c.var.auth.userName} workspace={c.var.auth.tenantName} />, { title: 'Home' }))

// The status fragment, fetched by htmx. Two independent reads, so they run in parallel.
homePages.get('/status', async (c) => {
  const [db, beats] = await Promise.all([pingDatabase(c.var.db).catch(() => false), listHeartbeats(c.var.db, 1).catch(() => [])])
  return c.html(<SystemStatusCard status={{ db, checkedAt: new Date(), lastHeartbeat: beats[0]?.receivedAt ?? null }} />)
})
