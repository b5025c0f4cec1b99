import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { ENTITY_LABELS, VIEW_ENTITIES, type ViewEntity } from '../../domain/views/catalogue'
import type { AuthedEnv } from '../../env'
import { csvHeaders, findExport } from '../../lib/exports/files'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { ExportPendingPage } from '../../views/exports/export-pending-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { startExport } from './start-export'

// "Export CSV" on every list: POST /<list>/export.csv with the list's query as the form, answered
// with the file (streamed), or for a large export with a redirect to /exports/:id, the page that
// waits for the job and then serves the file. The emailed link is that same page.
export const exportsPages = new Hono<AuthedEnv>()

const noun = (entity: string) => (ENTITY_LABELS[entity as ViewEntity] ?? 'records').toLowerCase()

for (const entity of VIEW_ENTITIES) {
  exportsPages.post(`/${entity}/export.csv`, requireUser, requirePermission('records.export'), async (c) => {
    const started = await startExport(c, { entity, params: await readForm(c) })
    if (started.kind === 'job') return c.redirect(`/exports/${started.id}`, 303)
    return c.body(started.body, 200, started.headers)
  })
}

exportsPages.get('/exports/:id', requireUser, requirePermission('records.export'), async (c) => {
  const found = await findExport(c.env.FILES, c.var.tenantId, c.var.userId, idParam(c, 'id'))
  if (found.status === 'preparing') {
    return c.render(<ExportPendingPage email={c.var.auth.email} noun={noun(found.meta.entity)} back={`/${found.meta.entity}`} />, { title: 'Preparing your export' })
  }
  return c.body(found.body, 200, { ...csvHeaders(found.meta.filename), 'Content-Length': String(found.size) })
})
