import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import worker from '../../functions/worker'
import { loginFailures } from '../../src/db/schema'
import { CRONS } from '../../src/handlers/jobs/scheduled'
import { testDb, testEnv } from '../helpers/app'
import { uniqueEmail } from '../helpers/auth'
import { capturingQueue } from '../helpers/jobs'

const MINUTE = 60_000

describe('hourly cleanup', () => {
  it('is enqueued by its cron with a key per tick', async () => {
    const { jobs, sent } = capturingQueue()
    const scheduledTime = Date.UTC(2026, 0, 1, 13, 17)
    const ctx = createExecutionContext()
    worker.scheduled(createScheduledController({ cron: CRONS.cleanup, scheduledTime }), { ...testEnv, JOBS: jobs }, ctx)
    await waitOnExecutionContext(ctx)
    expect(sent).toEqual([{ type: 'cleanup', key: 'cleanup:2026-01-01T13:17:00.000Z', scheduledAt: '2026-01-01T13:17:00.000Z' }])
  })

  it('drops sign-in failures older than the throttle window and keeps recent ones, however often it runs', async () => {
    const email = uniqueEmail('cleanup')
    const now = new Date()
    const db = testDb()
    await db.insert(loginFailures).values([
      { email, ip: '203.0.113.9', createdAt: new Date(now.getTime() - 60 * MINUTE) },
      { email, ip: '203.0.113.9', createdAt: new Date(now.getTime() - 2 * MINUTE) },
    ])
    const body = { type: 'cleanup', key: `cleanup:${now.toISOString()}`, scheduledAt: now.toISOString() }
    for (let i = 1; i <= 2; i++) {
      const batch = createMessageBatch('jobs', [{ id: `c${i}`, timestamp: now, attempts: i, body }])
      const ctx = createExecutionContext()
      await worker.queue(batch, testEnv)
      expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual([`c${i}`])
    }
    const left = await db.select().from(loginFailures).where(eq(loginFailures.email, email))
    expect(left.map((r) => Math.round((now.getTime() - r.createdAt.getTime()) / MINUTE))).toEqual([2])
  })
})
