import type { Db } from '../../db/client'
import { reopenDeadJobs, resolveDeadJobs } from '../../db/queries/job-failures'
import type { JobId } from '../../domain/jobs/failures'
import type { JobMessage } from '../../domain/jobs/messages'
import type { Env } from '../../env'
import { AppError } from '../errors'

// Retry and Discard of dead jobs, for the Jobs page and the API alike. Only this workspace's dead,
// open jobs qualify: when none of `jobs` does (another workspace's, already handled, or never
// dead) it is a 404. Returns how many were handled.

// Retry sends each stored body again, exactly as the queue last had it. A retried job that fails
// again comes back through the consumer's failure record, and dead again after its retries.
export async function retryDeadJobs(env: Pick<Env, 'JOBS'>, db: Db, tenantId: string, jobs: JobId[]): Promise<number> {
  const closed = orNotFound(await resolveDeadJobs(db, tenantId, jobs, 'retried'))
  try {
    await env.JOBS.sendBatch(closed.map((j) => ({ body: j.body as JobMessage })))
  } catch (err) {
    // Not queued after all: back on the list, so the admin can try again.
    await reopenDeadJobs(db, tenantId, closed)
    throw err
  }
  return closed.length
}

export async function discardDeadJobs(db: Db, tenantId: string, jobs: JobId[]): Promise<number> {
  return orNotFound(await resolveDeadJobs(db, tenantId, jobs, 'discarded')).length
}

function orNotFound<T>(closed: T[]): T[] {
  if (!closed.length) throw new AppError('NOT_FOUND', 'There is no such dead job in this workspace; it may have been retried or discarded already.')
  return closed
}
