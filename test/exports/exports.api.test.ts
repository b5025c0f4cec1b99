import { beforeAll, describe, expect, it } from 'vitest'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { addMember, createToken, withToken } from '../helpers/auth'
import { keepingQueue, requestWith } from '../helpers/emails'
import { created } from '../helpers/records'
import { column, csvOf, exportEvents, workspace, type Workspace } from './fixtures'

// POST /api/v1/exports: the same export as the list pages', for API clients.

let ws: Workspace
let token: string

beforeAll(async () => {
  ws = await workspace('Export API')
  token = (await createToken(ws.admin)).token
  await created(ws.admin, '/accounts', { name: 'Customer Co', status: 'customer' })
  await created(ws.admin, '/accounts', { name: '@Prospect Inc', status: 'prospect' })
})

describe('POST /api/v1/exports', () => {
  it('streams the CSV of a list with its query, and audits it', async () => {
    const before = (await exportEvents(ws.tenantId)).length
    const rows = await csvOf(await withToken(token, '/api/v1/exports', { method: 'POST', body: { entity: 'accounts', query: { status: 'prospect' } } }))
    expect(column(rows, 'Name')).toEqual(["'@Prospect Inc"])
    const events = await exportEvents(ws.tenantId)
    expect(events).toHaveLength(before + 1)
    expect(events.at(-1)?.payload).toEqual({ entity: 'accounts', filter: { status: 'prospect' }, rowCount: 1 })
  })

  it('exports a saved view', async () => {
    const view = await created<{ id: string }>(ws.admin, '/views', { entity: 'accounts', name: 'Customers', visibility: 'personal', filter: { field: 'status', op: 'equals', value: 'customer' } })
    const rows = await csvOf(await withToken(token, '/api/v1/exports', { method: 'POST', body: { entity: 'accounts', view: view.id } }))
    expect(column(rows, 'Name')).toEqual(['Customer Co'])
    expect((await exportEvents(ws.tenantId)).at(-1)?.payload).toMatchObject({ viewId: view.id, rowCount: 1 })
  })

  it('answers 422 to an unknown list, parameter or filter field', async () => {
    for (const body of [{ entity: 'notes' }, { entity: 'accounts', query: { colour: 'red' } }, { entity: 'accounts', query: { filter: '{"field":"salary","op":"empty"}' } }]) {
      expect((await withToken(token, '/api/v1/exports', { method: 'POST', body })).status).toBe(422)
    }
  })

  it('is 403 for support', async () => {
    const support = await addMember(ws.admin, 'support')
    // Support has no API tokens; the API answers their session the same way.
    expect((await support.json('POST', '/api/v1/exports', { entity: 'accounts' })).status).toBe(403)
  })

  it('is 404 for another workspace’s view', async () => {
    const other = await workspace('Export API other')
    const theirs = await created<{ id: string }>(other.admin, '/views', { entity: 'accounts', name: 'Theirs', visibility: 'workspace', filter: { field: 'status', op: 'equals', value: 'customer' } })
    expect((await withToken(token, '/api/v1/exports', { method: 'POST', body: { entity: 'accounts', view: theirs.id } })).status).toBe(404)
  })

  it('answers 202 with the export’s id when the export is large, and the file is not there yet', async () => {
    const queue = keepingQueue()
    const res = await requestWith({ EXPORT_JOB_ROWS: '1', JOBS: queue.jobs }, ws.admin, '/api/v1/exports', { method: 'POST', json: { entity: 'accounts' } })
    expect(res.status).toBe(202)
    const body = (await res.json()) as { id: string; status: string }
    expect(body.status).toBe('preparing')
    expect(queue.sent).toEqual([expect.objectContaining({ type: 'export', exportId: body.id, entity: 'accounts' }) as JobMessage])
    const poll = await withToken(token, `/api/v1/exports/${body.id}`)
    expect(poll.status).toBe(202)
    expect(await poll.json()).toEqual({ id: body.id, status: 'preparing' })
  })
})
