import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { startRun } from '../../src/db/queries/imports'
import { imports } from '../../src/db/schema'
import type { ImportRun } from '../../src/domain/jobs/imports'
import type { Env } from '../../src/env'
import { runImportRun } from '../../src/handlers/jobs/import-run.job'
import { CRONS, handleScheduled } from '../../src/handlers/jobs/scheduled'
import { testDb, testEnv } from '../helpers/app'
import { capturingQueue } from '../helpers/jobs'
import { deliver } from '../jobs/reminder-fixtures'
import { contactsOf, csvOf, getImportJson, importedEvents, importRow, people, PEOPLE_HEADER, runJobs, upload, workspace, type ImportJson, type Workspace } from './api-fixtures'

// The import.run job: it works through a file in stretches, resumes from the last committed chunk
// after a job dies, keeps to one job per import, and fails a file it cannot read in words.

// Tests that write more than one chunk (1,000 rows each) take a few seconds on the embedded database.
const CHUNKS_TIMEOUT = 60_000

// An import of `n` people, started through the API; its first message is returned, not run.
async function started(ws: Workspace, n: number, domain: string): Promise<{ id: string; message: ImportRun }> {
  const { res, sent } = await upload(ws.admin, csvOf([PEOPLE_HEADER, ...people(n, domain)]))
  expect(res.status).toBe(202)
  const id = ((await res.json()) as ImportJson).id
  return { id, message: sent[0] as ImportRun }
}

// One invocation of the job as the queue would make it, with other bindings and a budget.
async function invoke(message: ImportRun, opts: { env?: Partial<Env>; rows?: number; attempts?: number } = {}) {
  const queue = capturingQueue()
  const run = runImportRun({ ...testEnv, JOBS: queue.jobs, ...opts.env }, message, opts.attempts ?? 1, { ms: 600_000, rows: opts.rows ?? Number.MAX_SAFE_INTEGER })
  return { run, sent: queue.sent as ImportRun[] }
}

// The cron tick that sweeps up imports whose job died; the messages it sent for this import.
async function sweep(importId: string): Promise<ImportRun[]> {
  const queue = capturingQueue()
  await handleScheduled({ cron: CRONS.heartbeat, scheduledTime: Date.now() }, { ...testEnv, JOBS: queue.jobs })
  return (queue.sent as ImportRun[]).filter((m) => m.type === 'import.run' && m.importId === importId)
}

// As a job that claimed the import and then died leaves it: running, its lease held.
const holdLease = (ws: Workspace, id: string, until: string) =>
  testDb()
    .update(imports)
    .set({ status: 'running', leaseId: crypto.randomUUID(), leaseUntil: sql`now() + ${until}::interval` })
    .where(and(eq(imports.tenantId, ws.tenantId), eq(imports.id, id)))

async function expectWholeFile(ws: Workspace, id: string, n: number) {
  const result = await getImportJson(ws.admin, id)
  expect(result).toMatchObject({ status: 'completed', rowsInFile: n, totals: { rows: n, inserted: n, updated: 0, skipped: 0, rejected: 0 } })
  // No record written twice: one contact and one `imported` event per row.
  const saved = await contactsOf(ws.tenantId)
  expect(saved).toHaveLength(n)
  expect(new Set(saved.map((c) => c.email)).size).toBe(n)
  expect(await importedEvents(ws.tenantId, saved.map((c) => c.id))).toHaveLength(n)
}

describe('the import.run job', () => {
  it('works through a long file in stretches, each continuation starting where the last chunk ended', async () => {
    const ws = await workspace('Import stretches')
    const { id, message } = await started(ws, 1_500, 'stretch.test')
    const keys: string[] = []
    for (let next: ImportRun | undefined = message; next; ) {
      keys.push(next.key)
      const { run, sent } = await invoke(next, { rows: 1 })
      await run
      next = sent[0]
    }
    expect(keys).toEqual([`${id}:0`, `${id}:1000`])
    await expectWholeFile(ws, id, 1_500)
  }, CHUNKS_TIMEOUT)

  it('resumes after a job died mid-file, from the sweep, without writing a row twice', async () => {
    const ws = await workspace('Import crash')
    const { id, message } = await started(ws, 1_500, 'crash.test')
    // One chunk commits; then the job dies holding its lease (its continuation never goes out).
    const first = await invoke(message, { rows: 1 })
    await first.run
    expect(first.sent).toHaveLength(1)
    await holdLease(ws, id, '1 minute')
    expect((await importRow(ws.tenantId, id))?.nextRow).toBe(1_000)
    // While the lease lasts, the job may still be alive: the sweep leaves it be.
    expect(await sweep(id)).toEqual([])
    await holdLease(ws, id, '-1 second')
    const swept = await sweep(id)
    expect(swept).toEqual([{ type: 'import.run', key: `${id}:1000`, tenantId: ws.tenantId, importId: id }])
    // A second sweep does not send it again while that message has its chance.
    expect(await sweep(id)).toEqual([])
    await runJobs(swept)
    await expectWholeFile(ws, id, 1_500)
  }, CHUNKS_TIMEOUT)

  it('resumes from the last committed chunk when reading the file fails part way', async () => {
    const ws = await workspace('Import read failure')
    const { id, message } = await started(ws, 1_500, 'flaky.test')
    // Storage that breaks off the download after about 1,200 rows, once the first chunk is in.
    const flaky = {
      get: async (key: string) => {
        const object = await testEnv.FILES.get(key)
        const bytes = new Uint8Array(await object!.arrayBuffer())
        let pulls = 0
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (pulls++ === 0) return controller.enqueue(bytes.subarray(0, Math.floor(bytes.length * 0.8)))
            while ((await importRow(ws.tenantId, id))?.nextRow === 0) await new Promise((r) => setTimeout(r, 20))
            controller.error(new Error('connection reset'))
          },
        })
        return { ...object, body }
      },
    } as unknown as R2Bucket
    const broken = await invoke(message, { env: { FILES: flaky } })
    await expect(broken.run).rejects.toThrow('connection reset')
    const row = await importRow(ws.tenantId, id)
    expect(row).toMatchObject({ status: 'running', nextRow: 1_000, leaseId: null })
    // The queue's retry of the same message.
    const retry = await invoke(message, { attempts: 2 })
    await retry.run
    await expectWholeFile(ws, id, 1_500)
  }, CHUNKS_TIMEOUT)

  it('leaves an import another job holds to that job: retried later, let go on the last delivery', async () => {
    const ws = await workspace('Import held')
    const { id, message } = await started(ws, 3, 'held.test')
    await holdLease(ws, id, '1 minute')
    const busy = await deliver([message])
    expect(busy.retryMessages.map((m) => m.msgId)).toEqual(['m0'])
    const last = await deliver([message], { attempts: 6 })
    expect(last.explicitAcks).toEqual(['m0'])
    expect(await importRow(ws.tenantId, id)).toMatchObject({ status: 'running', nextRow: 0 })
  })

  it('does nothing for a message about an import that has finished', async () => {
    const ws = await workspace('Import redelivered')
    const { id, message } = await started(ws, 3, 'again.test')
    await runJobs([message])
    const again = await deliver([message])
    expect(again.explicitAcks).toEqual(['m0'])
    expect(again.enqueued).toEqual([])
    expect((await getImportJson(ws.admin, id)).totals).toMatchObject({ rows: 3, inserted: 3 })
    expect(await contactsOf(ws.tenantId)).toHaveLength(3)
  })

  it('fails the import, in words that name the row, when the file has an unclosed quote', async () => {
    const ws = await workspace('Import bad quote')
    const { id, message } = await started(ws, 3, 'quote.test')
    const row = await importRow(ws.tenantId, id)
    await testEnv.FILES.put(row!.fileKey, csvOf([PEOPLE_HEADER, ['Ann', 'Lee', 'ann@quote.test'], ['"Bob', 'Ray', 'bob@quote.test']]))
    await runJobs([message])
    const failed = await getImportJson(ws.admin, id)
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/^Row 3 opens a quote/)
    expect(failed.finishedAt).not.toBeNull()
  })

  it('checks without writing in a dry run, then the real run writes', async () => {
    const ws = await workspace('Import dry run')
    const { res, sent } = await upload(ws.admin, csvOf([PEOPLE_HEADER, ...people(4, 'dry.test'), ['Dup', 'Dup', 'p0@dry.test']]), { dryRun: 'true' })
    const id = ((await res.json()) as ImportJson).id
    await runJobs(sent)
    expect(await getImportJson(ws.admin, id)).toMatchObject({ status: 'checked', totals: { rows: 5, inserted: 4, skipped: 1 } })
    expect(await contactsOf(ws.tenantId)).toEqual([])
    const row = await importRow(ws.tenantId, id)
    const real = await startRun(testDb(), ws.tenantId, id, { mapping: row!.mapping, matchKey: row!.matchKey, mode: row!.mode, dryRun: false })
    expect(real).toMatchObject({ status: 'queued', nextRow: 0, inserted: 0, skipped: 0 })
    await runJobs([{ type: 'import.run', key: `${id}:0`, tenantId: ws.tenantId, importId: id }])
    expect(await getImportJson(ws.admin, id)).toMatchObject({ status: 'completed', totals: { rows: 5, inserted: 4, skipped: 1 } })
    expect(await contactsOf(ws.tenantId)).toHaveLength(4)
  })

  it('starts one run when two starts race', async () => {
    const ws = await workspace('Import double start')
    const { res, sent } = await upload(ws.admin, csvOf([PEOPLE_HEADER, ...people(2, 'race.test')]), { dryRun: 'true' })
    const id = ((await res.json()) as ImportJson).id
    await runJobs(sent)
    const row = await importRow(ws.tenantId, id)
    const options = { mapping: row!.mapping, matchKey: row!.matchKey, mode: row!.mode, dryRun: false }
    const both = await Promise.all([startRun(testDb(), ws.tenantId, id, options), startRun(testDb(), ws.tenantId, id, options)])
    expect(both.filter(Boolean)).toHaveLength(1)
  })
})
