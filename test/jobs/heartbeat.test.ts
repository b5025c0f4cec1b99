import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import worker from '../../functions/worker'
import { heartbeats } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import type { Env } from '../../src/env'
import { CRONS } from '../../src/handlers/jobs/scheduled'
import { testDb, testEnv } from '../helpers/app'
import { capturingQueue } from '../helpers/jobs'

const rowsFor = (key: string) => testDb().select().from(heartbeats).where(eq(heartbeats.key, key))

function heartbeat(at: Date): JobMessage {
  return { type: 'heartbeat', key: `heartbeat:${at.toISOString()}`, scheduledAt: at.toISOString() }
}

async function deliver(env: Env, bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch('jobs', bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })))
  // getQueueResult records that a message was retried but not its delay, so watch retry() too.
  const retryDelays: (number | undefined)[] = []
  for (const message of batch.messages) {
    const retry = message.retry.bind(message)
    message.retry = (options) => {
      retryDelays.push(options?.delaySeconds)
      retry(options)
    }
  }
  const ctx = createExecutionContext()
  await worker.queue(batch, env)
  return { ...(await getQueueResult(batch, ctx)), retryDelays }
}

describe('cron → jobs queue', () => {
  it('enqueues one heartbeat per cron tick, keyed by the scheduled time', async () => {
    const { jobs, sent } = capturingQueue()
    const scheduledTime = Date.UTC(2026, 0, 1, 12, 5)
    const ctx = createExecutionContext()
    worker.scheduled(createScheduledController({ cron: CRONS.heartbeat, scheduledTime }), { ...testEnv, JOBS: jobs }, ctx)
    await waitOnExecutionContext(ctx)
    // The same tick re-sends imports whose job died, from any workspace in the shared test
    // database (test/imports/import-job.test.ts covers that sweep); here only the heartbeat counts.
    expect(sent.filter((m) => (m as JobMessage).type === 'heartbeat')).toEqual([heartbeat(new Date(scheduledTime))])
  })

  it('ignores a cron expression it does not know', async () => {
    const { jobs, sent } = capturingQueue()
    const ctx = createExecutionContext()
    worker.scheduled(createScheduledController({ cron: '0 0 1 1 *', scheduledTime: Date.now() }), { ...testEnv, JOBS: jobs }, ctx)
    await waitOnExecutionContext(ctx)
    expect(sent).toEqual([])
  })
})

describe('jobs consumer', () => {
  it('writes the heartbeat row and acks the message', async () => {
    const msg = heartbeat(new Date(Date.UTC(2026, 0, 2, 9, 0)))
    const result = await deliver(testEnv, [msg])
    expect(result.explicitAcks).toEqual(['m0'])
    expect(result.retryMessages).toEqual([])
    const rows = await rowsFor(msg.key)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.scheduledAt.toISOString()).toBe(msg.type === 'heartbeat' ? msg.scheduledAt : '')
  })

  it('is idempotent: the same message delivered five times leaves one row', async () => {
    const msg = heartbeat(new Date(Date.UTC(2026, 0, 3, 9, 0)))
    for (let attempt = 1; attempt <= 5; attempt++) {
      const result = await deliver(testEnv, [msg], attempt)
      expect(result.explicitAcks).toEqual(['m0'])
    }
    expect(await rowsFor(msg.key)).toHaveLength(1)
  })

  it('acks a malformed message instead of retrying it forever, and still processes its neighbours', async () => {
    const good = heartbeat(new Date(Date.UTC(2026, 0, 4, 9, 0)))
    const result = await deliver(testEnv, [{ type: 'heartbeat', key: '' }, { type: 'no-such-job' }, good])
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2'])
    expect(await rowsFor(good.key)).toHaveLength(1)
  })

  it('retries a failing message on its own with exponential backoff', async () => {
    const msg = heartbeat(new Date(Date.UTC(2026, 0, 5, 9, 0)))
    // A database that refuses connections: the job throws, so the message must be retried.
    const downEnv = { ...testEnv, NEON_FETCH_ENDPOINT: 'http://127.0.0.1:9/sql' }
    const first = await deliver(downEnv, [msg], 1)
    const third = await deliver(downEnv, [msg], 3)
    expect(first.explicitAcks).toEqual([])
    expect(first.retryMessages).toEqual([{ msgId: 'm0' }])
    expect(first.retryDelays).toEqual([10])
    expect(third.retryDelays).toEqual([40])
    expect(await rowsFor(msg.key)).toHaveLength(0)
  })
})

describe('the full loop through the real producer', () => {
  it('cron enqueues on the jobs queue and the consumer writes the heartbeat', async () => {
    const scheduledTime = Date.UTC(2026, 0, 6, 7, 30)
    const key = heartbeat(new Date(scheduledTime)).key
    const ctx = createExecutionContext()
    worker.scheduled(createScheduledController({ cron: CRONS.heartbeat, scheduledTime }), testEnv, ctx)
    await waitOnExecutionContext(ctx)
    await expect.poll(async () => (await rowsFor(key)).length, { timeout: 15_000, interval: 250 }).toBe(1)
  })
})
