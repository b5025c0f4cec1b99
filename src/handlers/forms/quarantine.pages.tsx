import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { countQuarantineQuery, deleteQuarantined, formChoicesQuery, listQuarantineQuery, quarantinePage } from '../../db/queries/quarantine'
import { QuarantineIds, QuarantineQuery, submitterOf } from '../../domain/forms/quarantine'
import { withoutBlanks } from '../../domain/records/list-query'
import type { AuthedEnv } from '../../env'
import { isFragment } from '../../lib/htmx'
import { releaseQuarantined } from '../../lib/forms/release'
import { parseOrThrow } from '../../lib/validation'
import { ConfirmDeletePage, QuarantinePage, QuarantineTable, quarantineUrl, type QuarantineNotice } from '../../views/forms/quarantine-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { readBulkForm } from '../records/bulk-form'

// /forms/quarantine: the workspace's held submissions, for whoever manages forms. Release and
// Delete take the ticked rows and come back to the list with what they did; Delete is confirmed
// on a page of its own first. Mounted before the forms pages, so /forms/:id does not take it.
export const quarantinePages = new Hono<AuthedEnv>()
quarantinePages.use('/forms/quarantine', requireUser, requirePermission('forms.manage'))
quarantinePages.use('/forms/quarantine/*', requireUser, requirePermission('forms.manage'))

const TITLE = 'Quarantine'

// A count in the query string after a change; only digits are read, so no words can be injected.
const countParam = (v: string | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined)

quarantinePages.get('/forms/quarantine', async (c) => {
  const { released, failed, deleted, ...query } = withoutBlanks(c.req.query())
  const f = parseOrThrow(QuarantineQuery, query)
  const db = c.var.db
  const [rows, [counted], forms] = await db.batch([listQuarantineQuery(db, c.var.tenantId, f), countQuarantineQuery(db, c.var.tenantId, f), formChoicesQuery(db, c.var.tenantId)])
  const page = quarantinePage(rows, f)
  const items = page.data.map(({ fields, ...s }) => ({ ...s, ...submitterOf(fields, s.payload) }))
  const table = { rows: items, count: counted?.n ?? 0, formId: f.formId, cursor: f.cursor, nextCursor: page.nextCursor }
  c.header('Vary', 'HX-Request')
  if (isFragment(c)) return c.html(<QuarantineTable {...table} />)
  const notice: QuarantineNotice = { released: countParam(released), failed: countParam(failed), deleted: countParam(deleted) }
  return c.render(<QuarantinePage table={table} forms={forms} notice={notice} />, { title: TITLE })
})

// The ticked ids, and the form filter to return to.
async function selection(c: Context<AuthedEnv>) {
  const { ids } = parseOrThrow(QuarantineIds, { ids: (await readBulkForm(c)).ids })
  // readBulkForm has read the body already; Hono hands back the same parse.
  const body = await c.req.parseBody({ all: true })
  return { ids, formId: QuarantineQuery.shape.formId.safeParse(body.formId).data, confirmed: body.confirm === 'yes' }
}

const backTo = (formId: string | undefined, counts: Record<string, number>) => {
  const url = quarantineUrl({ formId })
  return `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams(Object.entries(counts).map(([k, n]) => [k, String(n)]))}`
}

quarantinePages.post('/forms/quarantine/release', async (c) => {
  const { ids, formId } = await selection(c)
  const { released, failed } = await releaseQuarantined(c.env, c.var.db, c.var.tenantId, ids, c.var.userId, c.var.requestId)
  return c.redirect(backTo(formId, failed ? { released, failed } : { released }), 303)
})

quarantinePages.post('/forms/quarantine/delete', async (c) => {
  const { ids, formId, confirmed } = await selection(c)
  if (!confirmed) return c.render(<ConfirmDeletePage ids={ids} formId={formId} />, { title: 'Delete submissions' })
  const deleted = await deleteQuarantined(c.var.db, c.var.tenantId, ids)
  return c.redirect(backTo(formId, { deleted }), 303)
})
