import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { deadJobsPage, jobMetricsQuery, listDeadJobsQuery } from '../../db/queries/job-failures'
import { DeadJobsQuery, JobRefsInput, type DeadJobsFilters, type JobId } from '../../domain/jobs/failures'
import { withoutBlanks } from '../../domain/records/list-query'
import type { AuthedEnv } from '../../env'
import { isFragment } from '../../lib/htmx'
import { discardDeadJobs, retryDeadJobs } from '../../lib/jobs/dead-jobs'
import { parseOrThrow } from '../../lib/validation'
import { DeadJobsTable, JobsPage, JobsPanel } from '../../views/settings/jobs-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { readBulkForm } from '../records/bulk-form'

// The Jobs page: this workspace's job metrics and dead jobs, for admins. Only jobs of this
// workspace appear; system jobs (heartbeat, cleanup) belong to none, so no workspace admin sees
// them: operators find them in the logs (job.failed, job.dead).
export const jobsPages = new Hono<AuthedEnv>()
jobsPages.use('/settings/jobs', requireUser, requirePermission('settings.manage'))
jobsPages.use('/settings/jobs/*', requireUser, requirePermission('settings.manage'))

// Metrics and one page of dead jobs in one round trip.
async function load(c: Context<AuthedEnv>, f: DeadJobsFilters) {
  const [[metrics], rows] = await c.var.db.batch([jobMetricsQuery(c.var.db, c.var.tenantId), listDeadJobsQuery(c.var.db, c.var.tenantId, f)])
  if (!metrics) throw new Error('the metrics query returned no row')
  const page = deadJobsPage(rows, f)
  return { metrics, table: { rows: page.data, count: metrics.jobsDead, cursor: f.cursor, nextCursor: page.nextCursor } }
}

jobsPages.get('/settings/jobs', async (c) => {
  const f = parseOrThrow(DeadJobsQuery, withoutBlanks(c.req.query()))
  const view = await load(c, f)
  c.header('Vary', 'HX-Request')
  return isFragment(c) ? c.html(<DeadJobsTable {...view.table} />) : c.render(<JobsPage {...view} />, { title: 'Jobs' })
})

// Retry and Discard take one job (a row's button) or the ticked ones (the bulk bar). htmx gets
// the panel back with fresh metrics; a plain form post goes back to the page.
async function act(c: Context<AuthedEnv>, run: (jobs: JobId[]) => Promise<number>) {
  const { ids } = parseOrThrow(JobRefsInput, await readBulkForm(c))
  await run(ids)
  c.header('Vary', 'HX-Request')
  if (!isFragment(c)) return c.redirect('/settings/jobs', 303)
  return c.html(<JobsPanel {...await load(c, DeadJobsQuery.parse({}))} />)
}

jobsPages.post('/settings/jobs/retry', (c) => act(c, (jobs) => retryDeadJobs(c.env, c.var.db, c.var.tenantId, jobs)))
jobsPages.post('/settings/jobs/discard', (c) => act(c, (jobs) => discardDeadJobs(c.var.db, c.var.tenantId, jobs)))
