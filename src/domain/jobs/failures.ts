import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'

// Deliveries a message gets before the queue gives up and moves it to the DLQ: the first plus
// wrangler.toml's max_retries (5).
export const MAX_DELIVERIES = 6

// Enough of an error to tell what went wrong; a provider can answer with a whole HTML page.
export const MAX_JOB_ERROR_CHARS = 2048

export const DEAD_JOBS_PAGE_SIZE = 50

// Job types are lowercase words joined by dashes or dots ('send-email', 'import.run'), so a type never holds the colon
// that joins it to its key in a JobRef.
const JOB_TYPE = /^[a-z][a-z0-9.-]*$/

// What every job message carries, read leniently: the dead-letter consumer records whatever
// reached the DLQ, even a message of a type this deploy no longer knows.
export const JobEnvelope = z.looseObject({ type: z.string().regex(JOB_TYPE), key: z.string().min(1), tenantId: z.uuid().optional() })

export type JobId = { type: string; key: string }

// A failing job as job_failures records it, with the hints to its workspace a message can carry:
// its own tenantId, or the outbox row it delivers (send-email), whose workspace it shares.
export type FailedJob = JobId & { tenantId: string | null; outboxId: string | null; body: Record<string, unknown> }

const idOrNull = (v: unknown) => {
  const id = z.uuid().safeParse(v)
  return id.success ? id.data : null
}
export const failedJob = (body: JobId & Record<string, unknown>): FailedJob => ({ type: body.type, key: body.key, tenantId: idOrNull(body.tenantId), outboxId: idOrNull(body.outboxId), body })

// One dead job as a single form value ("send-email:reminder:..."): the list's checkboxes and Retry
// and Discard buttons post these. The type cannot contain a colon, so the first one splits them.
export const jobRef = (j: JobId) => `${j.type}:${j.key}`
export const JobRef = z
  .string()
  .max(1024)
  .regex(/^[a-z][a-z0-9.-]*:./s, 'Not a job reference.')
  .transform((s): JobId => ({ type: s.slice(0, s.indexOf(':')), key: s.slice(s.indexOf(':') + 1) }))

// The page's Retry and Discard post one ref per job ("ids", the bulk form's field name).
export const JobRefsInput = z.object({ ids: z.array(JobRef).min(1, 'Select at least one job.').max(DEAD_JOBS_PAGE_SIZE) })

// Paging of the dead jobs list, shared by /settings/jobs and GET /api/v1/jobs/dead.
export const DeadJobsQuery = z
  .object({
    cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(DEAD_JOBS_PAGE_SIZE),
  })
  .strict()
export type DeadJobsFilters = z.infer<typeof DeadJobsQuery>
