import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import worker from '../../functions/worker'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { testEnv } from '../helpers/app'
import { me, signUp } from '../helpers/auth'
import { seedEmails } from '../helpers/emails'
import { deliverDead, failureOf } from './dead-job-fixtures'
import { deliver, forTasks, minutesAgo, runCron, seedTasks, workspace } from './reminder-fixtures'

async function dueReminder() {
  const ws = await workspace()
  const [id = ''] = await seedTasks(ws, [minutesAgo(1)])
  const [msg] = forTasks(await runCron(), [id])
  if (!msg) throw new Error('the cron did not claim the reminder')
  return { ws, msg }
}

describe('job failures', () => {
  it('records the error on every failed attempt, and the DLQ marks the job dead with its payload', async () => {
    const { ws, msg } = await dueReminder()
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await deliver([msg], { attempts: attempt, failSend: true })
      expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m0'])
      const row = await failureOf(msg)
      expect(row).toMatchObject({ tenantId: ws.tenantId, attempts: attempt, lastError: 'queue unavailable', deadAt: null, resolvedAt: null, body: msg })
      expect(row?.lastFailedAt.getTime()).toBeGreaterThanOrEqual(row?.firstFailedAt.getTime() ?? Infinity)
    }
    const first = (await failureOf(msg))?.firstFailedAt

    const dead = await deliverDead([msg])
    expect(dead.explicitAcks).toEqual(['d0'])
    expect(await failureOf(msg)).toMatchObject({ attempts: 6, lastError: 'queue unavailable', body: msg, firstFailedAt: first, deadAt: expect.any(Date), resolvedAt: null })
  })

  it('closes the record when a later attempt succeeds', async () => {
    const { msg } = await dueReminder()
    await deliver([msg], { attempts: 1, failSend: true })
    expect(await failureOf(msg)).toMatchObject({ attempts: 1, resolution: null })
    const ok = await deliver([msg], { attempts: 2 })
    expect(ok.explicitAcks).toEqual(['m0'])
    expect(await failureOf(msg)).toMatchObject({ resolution: 'succeeded', resolvedAt: expect.any(Date), deadAt: null })
  })

  it('keeps only the first 2 KB of a long error', async () => {
    const { msg } = await dueReminder()
    const JOBS = { send: async () => Promise.reject(new Error('x'.repeat(10_000))) } as unknown as typeof testEnv.JOBS
    const batch = createMessageBatch('jobs', [{ id: 'm0', timestamp: new Date(), attempts: 1, body: msg }])
    await worker.queue(batch, { ...testEnv, JOBS })
    expect((await failureOf(msg))?.lastError).toHaveLength(2048)
  })

  it('records a dead job that never got to record a failure, in the workspace of the email it delivers', async () => {
    const tenantId = (await me(await signUp())).workspace.id
    const { ids } = await seedEmails(tenantId, 1)
    const job: JobMessage = { type: 'send-email', key: `test:crashed:${crypto.randomUUID()}`, outboxId: ids[0] ?? '' }
    expect((await deliverDead([job])).explicitAcks).toEqual(['d0'])
    expect(await failureOf(job)).toMatchObject({ tenantId, attempts: 6, body: job, deadAt: expect.any(Date), lastError: expect.stringContaining('No error was recorded') })
  })

  it('still retries the message when the failure cannot be recorded', async () => {
    const log = vi.spyOn(console, 'error')
    // PostgreSQL text cannot hold NUL: the job fails on it, and so does writing its record.
    const job: JobMessage = { type: 'heartbeat', key: `heartbeat:\u0000${crypto.randomUUID()}`, scheduledAt: new Date().toISOString() }
    const batch = createMessageBatch('jobs', [{ id: 'm0', timestamp: new Date(), attempts: 2, body: job }])
    const ctx = createExecutionContext()
    await worker.queue(batch, testEnv)
    expect((await getQueueResult(batch, ctx)).retryMessages.map((m) => m.msgId)).toEqual(['m0'])
    expect(log.mock.calls.some(([line]) => String(line).includes('job.failure_not_recorded'))).toBe(true)
    log.mockRestore()
  })

  it('acks a malformed dead letter rather than retrying it forever', async () => {
    expect((await deliverDead([{ nothing: 'to key it by' }])).explicitAcks).toEqual(['d0'])
  })
})
