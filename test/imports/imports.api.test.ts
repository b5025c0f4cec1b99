import { csvParseRows } from 'd3-dsv'
import { beforeAll, describe, expect, it } from 'vitest'
import { testEnv } from '../helpers/app'
import { addMember, createToken, withToken } from '../helpers/auth'
import { capturingQueue } from '../helpers/jobs'
import { apiWith, contactsOf, csvOf, getImportJson, importCsv, importedEvents, people, PEOPLE_HEADER, runJobs, upload, uploadWith, workspace, type ImportJson, type Workspace } from './api-fixtures'

// CSV imports through /api/v1/imports: upload and run in one call, poll, fetch the rejected rows,
// undo; each job the API starts is run here through the queue handler.

const DOMAIN = 'import-api.test'
const FORMULA = '=HYPERLINK("http://evil.example","Click")'

// 6 good people, a duplicate of the first (skipped), a bad email whose last name is a formula
// (rejected) and a row with a missing field (rejected).
const FILE = csvOf([
  PEOPLE_HEADER,
  ...people(6, DOMAIN),
  ['Again', 'No0', `P0@${DOMAIN}`],
  ['Bad', FORMULA.replaceAll('"', '""').replace(/^/, '"').concat('"'), 'not-an-email'],
  ['Short', 'Row'],
])

let ws: Workspace
let done: ImportJson

// The workspace's imports and uploaded files, to see that a refused request left neither behind.
async function kept(w: Workspace) {
  const list = (await (await w.admin.get('/api/v1/imports?limit=200')).json()) as { data: ImportJson[] }
  const files = await testEnv.FILES.list({ prefix: `imports/${w.tenantId}/` })
  return { imports: list.data.length, files: files.objects.length }
}

beforeAll(async () => {
  ws = await workspace('Import API')
  done = await importCsv(ws.admin, FILE)
})

describe('POST /api/v1/imports', () => {
  it('uploads, maps the headers it recognises, and runs the file: every row counted once', async () => {
    expect(done).toMatchObject({
      status: 'completed',
      dryRun: false,
      mode: 'upsert',
      matchKey: 'email',
      mapping: { 'First name': 'firstName', 'Last name': 'lastName', Email: 'email' },
      totals: { rows: 9, inserted: 6, updated: 0, skipped: 1, rejected: 2 },
      rowsInFile: 9,
      progress: { percent: 100, etaSeconds: 0 },
      errorsUrl: `/api/v1/imports/${done.id}/errors`,
    })
    expect(done.finishedAt).not.toBeNull()
    const saved = await contactsOf(ws.tenantId)
    expect(saved.map((c) => c.email).sort()).toEqual(people(6, DOMAIN).map((p) => p[2]).sort())
    // One `imported` event per record, naming the import and the row.
    const events = await importedEvents(ws.tenantId, saved.map((c) => c.id))
    expect(events).toHaveLength(6)
    expect(events.map((e) => e.payload)).toContainEqual({ importId: done.id, row: 2 })
  })

  it('answers 202 with the queued import before any row is written', async () => {
    const { res, sent } = await upload(ws.admin, csvOf([PEOPLE_HEADER, ...people(2, 'queued.test')]), { dryRun: 'true' })
    expect(res.status).toBe(202)
    const body = (await res.json()) as ImportJson
    expect(body).toMatchObject({ status: 'queued', dryRun: true, totals: { rows: 0 }, errorsUrl: null })
    expect(sent).toEqual([{ type: 'import.run', key: `${body.id}:0`, tenantId: ws.tenantId, importId: body.id }])
  })

  it('takes the mapping, match key and mode as given', async () => {
    const file = csvOf([['Given', 'Family', 'Mail', 'Region'], ['Ann', 'Lee', `ann@${DOMAIN}`, 'North']])
    const result = await importCsv(ws.admin, file, { mapping: JSON.stringify({ Given: 'firstName', Family: 'lastName', Mail: 'email', Region: 'custom.region' }), mode: 'create', matchKey: 'email' })
    expect(result).toMatchObject({ status: 'completed', mode: 'create', totals: { rows: 1, inserted: 1 } })
  })

  it('creates nothing when the same file is imported again in upsert mode', async () => {
    const before = await contactsOf(ws.tenantId)
    const again = await importCsv(ws.admin, FILE)
    expect(again.status).toBe('completed')
    expect(again.totals).toMatchObject({ rows: 9, inserted: 0, rejected: 2 })
    expect(again.totals.updated + again.totals.skipped).toBe(7)
    expect(await contactsOf(ws.tenantId)).toHaveLength(before.length)
  })

  it('refuses a mapping to unknown fields, naming the column, and keeps nothing', async () => {
    const before = await kept(ws)
    const { res, sent } = await upload(ws.admin, FILE, { mapping: JSON.stringify({ Email: 'email', 'Last name': 'shoeSize' }) })
    expect(res.status).toBe(422)
    const problem = (await res.json()) as { errors: { path: string; message: string }[] }
    expect(problem.errors).toEqual([{ path: 'mapping.Last name', message: expect.stringContaining('shoeSize') }])
    expect(sent).toEqual([])
    expect(await kept(ws)).toEqual(before)
  })

  it.each([
    [{ entity: 'widgets' }, 'entity'],
    [{ mapping: '{not json' }, 'mapping'],
    [{ tenantId: crypto.randomUUID() }, 'tenantId'],
    [{ mode: 'update', mapping: JSON.stringify({ 'First name': 'firstName' }) }, 'matchKey'],
  ])('gives 422 on %j, keeping nothing', async (fields, path) => {
    const before = await kept(ws)
    const { res } = await upload(ws.admin, FILE, fields)
    expect(res.status).toBe(422)
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path)
    expect(await kept(ws)).toEqual(before)
  })

  it('gives 422 naming a blocking problem of the file', async () => {
    const { res } = await upload(ws.admin, csvOf([['Email', 'Email'], ['a@b.test', 'c@d.test']]))
    expect(res.status).toBe(422)
    const problem = (await res.json()) as { detail: string; errors: { path: string; message: string }[] }
    expect(problem.errors[0]?.path).toBe('file')
    expect(problem.detail).toMatch(/Email/)
  })

  it('gives 413 when Content-Length says more than 100 MB, before reading the body', async () => {
    const { res, sent } = await upload(ws.admin, FILE, {}, { 'Content-Length': String(100 * 1024 * 1024 + 1) })
    expect(res.status).toBe(413)
    expect(sent).toEqual([])
  })

  it('takes the upload from an API token too', async () => {
    const { token } = await createToken(ws.admin)
    const { res } = await uploadWith({ Authorization: `Bearer ${token}` }, csvOf([PEOPLE_HEADER, ...people(1, 'token.test')]))
    expect(res.status).toBe(202)
    // The rest of the API still takes JSON only.
    expect((await withToken(token, '/api/v1/imports', { method: 'POST', body: undefined, headers: { 'Content-Type': 'text/plain' } })).status).toBe(415)
  })
})

describe('GET /api/v1/imports/{id}/errors', () => {
  it('lists the rejected rows with their row numbers, reasons and values as they were, formulas defused', async () => {
    const res = await ws.admin.get(done.errorsUrl ?? '')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = csvParseRows(new TextDecoder().decode(bytes.subarray(3)).trimEnd())
    expect(rows[0]).toEqual(['Row', 'Reason', ...PEOPLE_HEADER])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['9', '10'])
    expect(rows[1]?.[1]).toMatch(/email/i)
    expect(rows[1]?.slice(2)).toEqual(['Bad', `'${FORMULA}`, 'not-an-email'])
    expect(rows[2]?.[1]).toMatch(/2 fields/)
    expect(rows[2]?.slice(2)).toEqual(['Short', 'Row'])
  })
})

describe('GET /api/v1/imports', () => {
  it('lists the workspace’s imports newest first, a page at a time', async () => {
    const first = await ws.admin.get('/api/v1/imports?limit=1')
    const page = (await first.json()) as { data: ImportJson[]; nextCursor: string }
    expect(page.data).toHaveLength(1)
    const next = (await (await ws.admin.get(`/api/v1/imports?limit=100&cursor=${page.nextCursor}`)).json()) as { data: ImportJson[] }
    const all = [...page.data, ...next.data].map((i) => i.id)
    expect(all).toContain(done.id)
    expect(all.indexOf(done.id)).toBe(all.length - 1)
  })
})

describe('POST /api/v1/imports/{id}/revert', () => {
  it('undoes the import: the records it created go', async () => {
    const ws2 = await workspace('Import undo')
    const imported = await importCsv(ws2.admin, csvOf([PEOPLE_HEADER, ...people(3, 'undo.test')]))
    expect((await contactsOf(ws2.tenantId)).length).toBe(3)
    const queue = capturingQueue()
    const res = await apiWith({ JOBS: queue.jobs }, ws2.admin, 'POST', `/api/v1/imports/${imported.id}/revert`)
    expect(res.status).toBe(202)
    expect(((await res.json()) as ImportJson)).toMatchObject({ status: 'reverting', revert: { total: 3, done: 0 } })
    await runJobs(queue.sent as never)
    expect(await getImportJson(ws2.admin, imported.id)).toMatchObject({ status: 'reverted', revert: { total: 3, done: 3, removed: 3, kept: 0 } })
    expect(await contactsOf(ws2.tenantId)).toEqual([])
    // Once undone, there is nothing left to undo.
    expect((await apiWith({ JOBS: queue.jobs }, ws2.admin, 'POST', `/api/v1/imports/${imported.id}/revert`)).status).toBe(409)
  })

  it('gives 409 for a dry run', async () => {
    const checked = await importCsv(ws.admin, FILE, { dryRun: 'true' })
    expect(checked).toMatchObject({ status: 'checked', totals: { rows: 9, rejected: 2 } })
    expect((await ws.admin.json('POST', `/api/v1/imports/${checked.id}/revert`)).status).toBe(409)
  })
})

describe('imports and access', () => {
  it('is a 404 for another workspace on get, errors and revert, and absent from its list', async () => {
    const other = await workspace('Import stranger')
    expect((await other.admin.get(`/api/v1/imports/${done.id}`)).status).toBe(404)
    expect((await other.admin.get(`/api/v1/imports/${done.id}/errors`)).status).toBe(404)
    expect((await other.admin.json('POST', `/api/v1/imports/${done.id}/revert`)).status).toBe(404)
    const list = (await (await other.admin.get('/api/v1/imports')).json()) as { data: ImportJson[] }
    expect(list.data).toEqual([])
    expect((await getImportJson(ws.admin, done.id)).status).toBe('completed')
  })

  it('is a 403 for a rep, who may not import', async () => {
    const rep = await addMember(ws.admin, 'rep')
    expect((await upload(rep, FILE)).res.status).toBe(403)
    expect((await rep.get('/api/v1/imports')).status).toBe(403)
    expect((await rep.get(`/api/v1/imports/${done.id}`)).status).toBe(403)
    expect((await rep.json('POST', `/api/v1/imports/${done.id}/revert`)).status).toBe(403)
  })

  it('lets a manager import', async () => {
    const manager = await addMember(ws.admin, 'manager')
    expect((await upload(manager, csvOf([PEOPLE_HEADER, ...people(1, 'manager.test')]))).res.status).toBe(202)
  })
})
