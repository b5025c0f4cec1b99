import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { importErrors, imports } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { request, testDb } from '../helpers/app'
import { addMember, fieldError, me, ORIGIN, signUp, type Browser } from '../helpers/auth'
import { keepingQueue, requestWith } from '../helpers/emails'

// The import pages: upload, mapping (with its dry run), the run followed live, the outcome, undo.
// Runs are queued to a queue that keeps its messages; a finished run is written to the row as the
// job would leave it, so each page is seen in each state without waiting on the job.

const HUBSPOT_CSV = 'First Name,Last Name,Email,Phone Number,Favourite Colour\r\nAda,Lovelace,ada@engines.example,+44 20 7946 0001,Teal\r\nCharles,Babbage,charles@engines.example,,Grey\r\n'

async function upload(who: Browser, csv: string, fields: { entity?: string; filename?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const form = new FormData()
  if (fields.entity !== undefined) form.append('entity', fields.entity)
  form.append('file', new Blob([csv], { type: 'text/csv' }), fields.filename ?? 'hubspot-contacts.csv')
  return request('/imports', { method: 'POST', body: form, headers: { Cookie: who.cookie, Origin: ORIGIN, ...fields.headers }, redirect: 'manual' })
}

async function uploaded(who: Browser, csv = HUBSPOT_CSV, entity = 'contacts'): Promise<string> {
  const res = await upload(who, csv, { entity })
  expect(res.status, await res.clone().text()).toBe(303)
  return /\/imports\/([0-9a-f-]{36})$/.exec(res.headers.get('Location') ?? '')?.[1] ?? ''
}

const page = async (who: Browser, path: string, headers?: Record<string, string>) => {
  const res = await who.get(path, headers)
  return { status: res.status, html: await res.text(), res }
}

// The option a select shows as chosen, by the select's name.
function selected(html: string, name: string): string | null {
  const select = new RegExp(`<select[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1]
  if (select === undefined) return null
  return /<option value="([^"]*)" selected/.exec(select)?.[1] ?? ''
}

// The import's own region of a page (the header's search box has an htmx trigger of its own).
const importView = (html: string) => html.slice(html.indexOf('<section id="import-view"'), html.indexOf('</main>'))

const checkedRadio = (html: string, name: string) => new RegExp(`<input type="radio"[^>]*name="${name}" value="([^"]+)" checked`).exec(html)?.[1] ?? null

// Starts a run with the queue keeping its message, as the page's form (or htmx) posts it.
async function start(who: Browser, id: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const queue = keepingQueue()
  const res = await requestWith({ JOBS: queue.jobs }, who, `/imports/${id}/start`, { method: 'POST', form, headers })
  return { res, html: await res.text(), sent: queue.sent as JobMessage[] }
}

const setRow = (id: string, values: Partial<typeof imports.$inferInsert>) => testDb().update(imports).set(values).where(eq(imports.id, id))

const MAPPED = { 'column.0': 'firstName', 'column.1': 'lastName', 'column.2': 'email', 'column.3': 'phone', 'column.4': 'custom.favourite_colour', matchKey: 'email', mode: 'upsert' }

describe('GET /imports', () => {
  it('explains imports and links to a new one while there are none', async () => {
    const admin = await signUp()
    const { status, html } = await page(admin, '/imports')
    expect(status).toBe(200)
    expect(html).toContain('Bring your records in from a CSV file')
    expect(html).toContain('<a class="button" href="/imports/new">New import</a>')
    expect(html).toMatch(/<a href="\/imports" aria-current="page">Imports<\/a>/)
  })

  it('lists the workspace’s imports newest first, with status, totals, who and when', async () => {
    const admin = await signUp({ name: 'Ivy Importer' })
    const first = await uploaded(admin)
    const second = await uploaded(admin, 'Name,Domain\r\nAcme,acme.example\r\n', 'accounts')
    await setRow(first, { status: 'completed', nextRow: 1234, inserted: 1000, updated: 200, skipped: 30, rejected: 4, rowsInFile: 1234 })
    const { html } = await page(admin, '/imports')
    expect(html.indexOf(`/imports/${second}`)).toBeLessThan(html.indexOf(`/imports/${first}`))
    const row = new RegExp(`<tr data-import-id="${first}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''
    expect(row).toContain('hubspot-contacts.csv')
    expect(row).toContain('Contacts')
    expect(row).toContain('Completed')
    expect(row).toContain('<td class="num">1,234</td>')
    expect(row).toContain('<td class="num">1,000</td>')
    expect(row).toContain('Ivy Importer')
    expect(html).toContain('Waiting for its mapping')
  })
})

describe('uploading a file', () => {
  it('offers the file, the entity, the size limit and the recognised exports', async () => {
    const admin = await signUp()
    const { html } = await page(admin, '/imports/new')
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toContain('accept=".csv,text/csv"')
    expect(html).toMatch(/<label for="f-entity">What the rows are<\/label>/)
    expect(html).toContain('up to 100 MB')
    expect(html).toContain('HubSpot, Salesforce and Pipedrive')
  })

  it('goes to the import, which previews the rows and maps HubSpot’s headers to our fields', async () => {
    const admin = await signUp()
    const id = await uploaded(admin)
    const { status, html } = await page(admin, `/imports/${id}`)
    expect(status).toBe(200)
    expect(html).toContain('<th scope="col">Phone Number</th>')
    expect(html).toContain('<td>ada@engines.example</td>')
    expect(html).toContain('<th scope="row">3</th>')
    expect(selected(html, 'column.0')).toBe('firstName')
    expect(selected(html, 'column.1')).toBe('lastName')
    expect(selected(html, 'column.2')).toBe('email')
    expect(selected(html, 'column.3')).toBe('phone')
    // Not a field we know: not imported unless chosen, with its custom field offered.
    expect(selected(html, 'column.4')).toBe('')
    expect(html).toContain('<option value="custom.favourite_colour">Custom field (custom.favourite_colour)</option>')
    expect(html).toMatch(/<label for="f-column\.2">Email<\/label>/)
    expect(selected(html, 'matchKey')).toBe('email')
    expect(checkedRadio(html, 'mode')).toBe('upsert')
    expect(html).toContain('>Dry run</button>')
    expect(html).toContain('>Start import</button>')
  })

  it('answers htmx with a redirect to the import', async () => {
    const admin = await signUp()
    const res = await upload(admin, HUBSPOT_CSV, { entity: 'leads', headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(204)
    expect(res.headers.get('HX-Redirect')).toMatch(/^\/imports\/[0-9a-f-]{36}$/)
  })

  it('comes back 422 for an empty file, keeping the entity and asking for the file again', async () => {
    const admin = await signUp()
    const res = await upload(admin, '', { entity: 'leads' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'file')).toBe('The file is empty.')
    expect(html).toContain('Choose the file again')
    expect(selected(html, 'entity')).toBe('leads')
  })

  it('comes back 413 for a file over 100 MB, before reading it, keeping the entity', async () => {
    const admin = await signUp()
    const res = await upload(admin, HUBSPOT_CSV, { entity: 'accounts', headers: { 'Content-Length': String(101 * 1024 * 1024) } })
    expect(res.status).toBe(413)
    const html = await res.text()
    expect(fieldError(html, 'file')).toContain('larger than the 100 MB')
    expect(selected(html, 'entity')).toBe('accounts')
  })

  it('comes back 422 on the entity when none is chosen', async () => {
    const admin = await signUp()
    const res = await upload(admin, HUBSPOT_CSV, { entity: 'unicorns', headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html.startsWith('<form id="upload-form"')).toBe(true)
    expect(fieldError(html, 'entity')).toContain('Choose what the rows are')
  })
})

describe('the mapping step', () => {
  let admin: Browser
  let id: string
  beforeAll(async () => {
    admin = await signUp()
    id = await uploaded(admin)
  })

  it('comes back 422 with the choices kept and the errors on their fields', async () => {
    const { res, html, sent } = await start(admin, id, { ...MAPPED, 'column.3': 'email', matchKey: 'external_id', mode: 'create', dryRun: 'true' })
    expect(res.status).toBe(422)
    expect(sent).toEqual([])
    expect(fieldError(html, 'column.3')).toContain('already filled from the column &quot;Email&quot;')
    expect(fieldError(html, 'matchKey')).toContain('External id')
    expect(selected(html, 'column.3')).toBe('email')
    expect(selected(html, 'column.4')).toBe('custom.favourite_colour')
    expect(selected(html, 'matchKey')).toBe('external_id')
    expect(checkedRadio(html, 'mode')).toBe('create')
    expect(html).toContain('<h1>hubspot-contacts.csv</h1>')
  })

  it('answers htmx with the import’s view alone', async () => {
    const { res, html } = await start(admin, id, { ...MAPPED, 'column.0': 'nonsense' }, { 'HX-Request': 'true' })
    expect(res.status).toBe(422)
    expect(html.startsWith('<section id="import-view"')).toBe(true)
    expect(fieldError(html, 'column.0')).toContain('&quot;nonsense&quot; is not a field of contacts')
  })
})

describe('a run', () => {
  it('starts from the form and is followed by a progress region that polls until the run ends', async () => {
    const admin = await signUp()
    const id = await uploaded(admin)
    const { res, html, sent } = await start(admin, id, { ...MAPPED, dryRun: 'false' }, { 'HX-Request': 'true' })
    expect(res.status).toBe(200)
    expect(sent).toEqual([expect.objectContaining({ type: 'import.run', importId: id })])
    expect(html).toContain(`hx-get="/imports/${id}/progress"`)
    expect(html).toContain('hx-trigger="every 1s"')

    await setRow(id, { status: 'running', nextRow: 1, inserted: 1, bytesDone: 60, runStartedAt: new Date(Date.now() - 2000) })
    const running = await page(admin, `/imports/${id}/progress`, { 'HX-Request': 'true' })
    expect(running.res.headers.get('Cache-Control')).toBe('no-store')
    expect(running.html).toMatch(/<progress id="import-progress-bar" max="100" value="\d+"/)
    expect(running.html).toContain('aria-live="polite"')
    expect(running.html).toMatch(/1 of about \d+ rows/)
    expect(running.html).toContain('hx-trigger="every 1s"')

    await setRow(id, { status: 'completed', nextRow: 2, inserted: 2, rowsInFile: 2 })
    const done = await page(admin, `/imports/${id}/progress`, { 'HX-Request': 'true' })
    expect(done.html.startsWith('<section id="import-view"')).toBe(true)
    expect(done.html).toContain('Import complete')
    expect(done.html).not.toContain('hx-trigger')
  })

  it('redirects a plain form post to the import page, which shows the progress', async () => {
    const admin = await signUp()
    const id = await uploaded(admin)
    const { res } = await start(admin, id, { ...MAPPED, dryRun: 'true' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/imports/${id}`)
    const { html } = await page(admin, `/imports/${id}`)
    expect(html).toContain('Dry run under way: nothing is written')
    expect((await admin.get(`/imports/${id}/progress`)).headers.get('Location')).toBe(`/imports/${id}`)
  })

  it('after a dry run, says what would happen and offers the real run with the same choices', async () => {
    const admin = await signUp()
    const id = await uploaded(admin)
    await start(admin, id, { ...MAPPED, matchKey: 'phone', mode: 'create', dryRun: 'true' })
    await setRow(id, { status: 'checked', nextRow: 2, inserted: 1, rejected: 1, rowsInFile: 2 })
    const { html } = await page(admin, `/imports/${id}`)
    expect(html).toContain('Dry run: what the import would do')
    expect(html).toMatch(/<dt>Would create<\/dt>\s*<dd>1<\/dd>/)
    expect(html).toMatch(/<dt>Would reject<\/dt>\s*<dd>1<\/dd>/)
    expect(html).toContain(`href="/imports/${id}/errors.csv"`)
    expect(selected(html, 'column.4')).toBe('custom.favourite_colour')
    expect(selected(html, 'matchKey')).toBe('phone')
    expect(checkedRadio(html, 'mode')).toBe('create')
  })
})

describe('a completed import', () => {
  let admin: Browser
  let id: string
  beforeAll(async () => {
    admin = await signUp()
    id = await uploaded(admin)
    const tenantId = (await me(admin)).workspace.id
    await start(admin, id, { ...MAPPED, dryRun: 'false' })
    await setRow(id, { status: 'completed', nextRow: 1205, inserted: 1000, updated: 150, skipped: 50, rejected: 5, rowsInFile: 1205 })
    await testDb().insert(importErrors).values({ tenantId, importId: id, rowNumber: 7, reason: 'Email is not an email address.', values: ['Bad', 'Row', 'not-an-email', '', '=cmd()'] })
  })

  it('shows its totals, the rejects download and undo', async () => {
    const { html } = await page(admin, `/imports/${id}`)
    expect(html).toMatch(/<dt>Rows in the file<\/dt>\s*<dd>1,205<\/dd>/)
    expect(html).toMatch(/<dt>Created<\/dt>\s*<dd>1,000<\/dd>/)
    expect(html).toMatch(/<dt>Updated<\/dt>\s*<dd>150<\/dd>/)
    expect(html).toMatch(/<dt>Skipped as duplicates<\/dt>\s*<dd>50<\/dd>/)
    expect(html).toMatch(/<dt>Rejected<\/dt>\s*<dd>5<\/dd>/)
    expect(html).toContain(`<a href="/imports/${id}/errors.csv" download="">Download rejected rows (CSV)</a>`)
    expect(html).toContain(`href="/imports/${id}/revert">Undo this import…</a>`)
    expect(importView(html)).not.toContain('hx-trigger')
  })

  it('downloads the rejected rows with their row numbers and reasons', async () => {
    const res = await admin.get(`/imports/${id}/errors.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const text = await res.text()
    expect(text).toContain('Row,Reason,First Name,Last Name,Email,Phone Number,Favourite Colour')
    expect(text).toContain("7,Email is not an email address.,Bad,Row,not-an-email,,'=cmd()")
  })

  it('asks before undoing, saying what undo does, then undoes it', async () => {
    const confirm = await page(admin, `/imports/${id}/revert`)
    expect(confirm.html).toContain('deletes the 1,000 records it created and puts back the fields it changed on the 150 records it updated')
    expect(confirm.html).toContain('changed since the import, or linked to something')
    const queue = keepingQueue()
    const res = await requestWith({ JOBS: queue.jobs }, admin, `/imports/${id}/revert`, { method: 'POST', form: {} })
    expect(res.status).toBe(303)
    expect(queue.sent).toEqual([expect.objectContaining({ type: 'import.revert', importId: id })])
    expect((await page(admin, `/imports/${id}`)).html).toContain('Undoing the import')

    await setRow(id, { status: 'reverted', revertTotal: 1150, revertDone: 1150, revertKept: 3 })
    const { html } = await page(admin, `/imports/${id}`)
    expect(html).toContain('Import undone')
    expect(html).toMatch(/<dt>Kept as they are now<\/dt>\s*<dd>3<\/dd>/)
    expect(html).not.toContain('Undo this import')
  })
})

describe('access', () => {
  it('gives another workspace’s import 404 on every page route', async () => {
    const owner = await signUp()
    const id = await uploaded(owner)
    await setRow(id, { status: 'completed', nextRow: 0 })
    const stranger = await signUp()
    for (const path of [`/imports/${id}`, `/imports/${id}/progress`, `/imports/${id}/errors.csv`, `/imports/${id}/revert`]) {
      expect((await stranger.get(path, { 'HX-Request': 'true' })).status, path).toBe(404)
      expect((await stranger.get(path)).status, path).toBe(404)
    }
    for (const path of [`/imports/${id}/start`, `/imports/${id}/revert`]) expect((await stranger.post(path, MAPPED)).status, path).toBe(404)
    const [row] = await testDb().select().from(imports).where(eq(imports.id, id))
    expect(row?.status).toBe('completed')
  })

  it('refuses reps (403) and hides the nav item from them; managers have it', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    for (const path of ['/imports', '/imports/new']) expect((await rep.get(path)).status, path).toBe(403)
    expect((await upload(rep, HUBSPOT_CSV, { entity: 'contacts' })).status).toBe(403)
    expect(await (await rep.get('/')).text()).not.toContain('href="/imports"')
    const manager = await addMember(admin, 'manager')
    expect(await (await manager.get('/')).text()).toContain('<a href="/imports">Imports</a>')
  })
})
