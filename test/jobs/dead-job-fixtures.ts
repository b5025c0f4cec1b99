import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { and, eq } from 'drizzle-orm'
import worker from '../../functions/worker'
import { jobFailures } from '../../src/db/schema'
import type { TaskReminder } from '../../src/domain/jobs/reminders'
import { testDb, testEnv } from '../helpers/app'
import { deliver, forTasks, minutesAgo, runCron, seedTasks, type Workspace } from './reminder-fixtures'

// One batch on the dead-letter queue through the real queue() handler, as the queue hands over a
// message whose retries are used up.
export async function deliverDead(bodies: unknown[]) {
  const batch = createMessageBatch('jobs-dlq', bodies.map((body, i) => ({ id: `d${i}`, timestamp: new Date(), attempts: 1, body })))
  const ctx = createExecutionContext()
  await worker.queue(batch, testEnv)
  return getQueueResult(batch, ctx)
}

export const failureOf = async (job: { type: string; key: string }) =>
  (await testDb().select().from(jobFailures).where(and(eq(jobFailures.type, job.type), eq(jobFailures.key, job.key))))[0]

// A reminder of `ws` that died the way they do: its last delivery fails (the queue refuses the
// email job it enqueues), then the queue moves it to the DLQ.
export async function deadReminder(ws: Workspace, title = 'Call back'): Promise<TaskReminder> {
  const [id = ''] = await seedTasks(ws, [minutesAgo(1)], { title })
  const [msg] = forTasks(await runCron(), [id])
  if (!msg) throw new Error('the cron did not claim the reminder')
  await deliver([msg], { attempts: 6, failSend: true })
  await deliverDead([msg])
  return msg
}
