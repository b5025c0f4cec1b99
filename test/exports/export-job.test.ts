import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { outbox } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { exportKey } from '../../src/lib/exports/files'
import { testDb, testEnv } from '../helpers/app'
import { addMember, linkFromEmail, type Browser } from '../helpers/auth'
import { keepingQueue, requestWith } from '../helpers/emails'
import { deliver } from '../jobs/reminder-fixtures'
import { column, csvOf, exportEvents, seedContacts, workspace, type Workspace } from './fixtures'

// Large exports (here: over 5 rows) are prepared by a job: the file goes to R2, the person who
// asked gets an email with a link, and the link serves the file to them alone.

const today = new Date().toISOString().slice(0, 10)
let ws: Workspace
let message: Extract<JobMessage, { type: 'export' }>
let link: string

// Asks for an export of the contacts list with the job threshold lowered to 5 rows, capturing
// the job instead of letting the queue run it.
async function askForLargeExport(who: Browser, form: Record<string, string> = {}) {
  const queue = keepingQueue()
  const res = await requestWith({ EXPORT_JOB_ROWS: '5', JOBS: queue.jobs }, who, '/contacts/export.csv', { method: 'POST', form })
  return { res, sent: queue.sent as JobMessage[] }
}

beforeAll(async () => {
  ws = await workspace('Export job')
  await seedContacts(ws, 12, 'Bulk')
  const { res, sent } = await askForLargeExport(ws.admin, { sort: 'name', dir: 'asc' })
  expect(res.status).toBe(303)
  expect(sent).toHaveLength(1)
  message = sent[0] as typeof message
  expect(res.headers.get('Location')).toBe(`/exports/${message.exportId}`)
})

describe('a large export', () => {
  it('is queued with the list’s query, and its page says it is being prepared', async () => {
    expect(message).toMatchObject({ type: 'export', key: `export:${message.exportId}`, tenantId: ws.tenantId, userId: ws.userId, entity: 'contacts', params: { sort: 'name', dir: 'asc' }, filename: `contacts-${today}.csv` })
    const page = await ws.admin.get(`/exports/${message.exportId}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('We are preparing your export')
    expect(html).toContain(ws.email)
  })

  it('is written to R2 by the job, audited, and emailed as a link that downloads the file', async () => {
    const run = await deliver([message])
    expect(run.explicitAcks).toEqual(['m0'])
    expect(run.enqueued).toEqual([expect.objectContaining({ type: 'send-email', key: message.key })])

    const object = await testEnv.FILES.head(exportKey(ws.tenantId, message.exportId))
    expect(object?.customMetadata).toMatchObject({ status: 'ready', userId: ws.userId, rowCount: '12' })

    const events = (await exportEvents(ws.tenantId)).filter((e) => e.id === message.exportId)
    expect(events).toHaveLength(1)
    expect(events[0]?.payload).toEqual({ entity: 'contacts', filter: {}, rowCount: 12 })

    link = await linkFromEmail(ws.email, '/exports/')
    expect(link).toBe(`/exports/${message.exportId}`)
    const res = await ws.admin.get(link)
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="contacts-${today}.csv"`)
    const rows = await csvOf(res)
    // The list's order as asked: by last name, ascending ("0", "1", "10", "11", "2", ...).
    expect(column(rows, 'Last name')).toEqual(Array.from({ length: 12 }, (_, i) => String(i)).sort())
  })

  it('redelivered, writes no second file, event or email', async () => {
    const before = await testEnv.FILES.head(exportKey(ws.tenantId, message.exportId))
    const again = await deliver([message], { attempts: 2 })
    expect(again.explicitAcks).toEqual(['m0'])
    const after = await testEnv.FILES.head(exportKey(ws.tenantId, message.exportId))
    expect(after?.etag).toBe(before?.etag)
    expect((await exportEvents(ws.tenantId)).filter((e) => e.id === message.exportId)).toHaveLength(1)
    expect(await testDb().select().from(outbox).where(and(eq(outbox.tenantId, ws.tenantId), eq(outbox.idempotencyKey, message.key)))).toHaveLength(1)
  })

  it('is a 404 for anyone but the person who asked', async () => {
    const colleague = await addMember(ws.admin, 'manager')
    expect((await colleague.get(link)).status).toBe(404)
    const stranger = await workspace('Export job stranger')
    expect((await stranger.admin.get(link)).status).toBe(404)
    expect((await stranger.admin.get(`/api/v1/exports/${message.exportId}`)).status).toBe(404)
  })

  it('is served to its owner through the API too', async () => {
    const rows = await csvOf(await ws.admin.get(`/api/v1/exports/${message.exportId}`))
    expect(rows).toHaveLength(13)
  })

  it('is dropped, without an email, when the person may no longer export', async () => {
    const rep = await addMember(ws.admin, 'rep', 'Soon Support')
    const { sent } = await askForLargeExport(rep)
    const job = sent[0] as typeof message
    expect((await ws.admin.post(`/settings/users/${job.userId}/role`, { role: 'support' })).status).toBe(303)
    const run = await deliver([job])
    expect(run.explicitAcks).toEqual(['m0'])
    expect(run.enqueued).toEqual([])
    expect(await testEnv.FILES.head(exportKey(ws.tenantId, job.exportId))).toBeNull()
  })
})
