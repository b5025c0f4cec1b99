import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { getLeadQuery, setLeadArchived, updateLead } from '../../db/queries/leads'
import { bulkArchive, bulkAssign, bulkTag, type BulkTarget } from '../../db/queries/records/bulk'
import { listActiveMembers } from '../../db/queries/records/columns'
import { leads } from '../../db/schema'
import { can } from '../../domain/access/permissions'
import { LEAD_FIELD_LABELS, SETTABLE_LEAD_STATUSES } from '../../domain/leads/schemas'
import { canSeeLeads, viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { enqueueScore } from '../../lib/jobs/enqueue-score'
import { TIMELINE_CHANGED, isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { leadOwnerSelect, leadStatusSelect } from '../../views/leads/lead-detail'
import { requirePermission } from '../middleware/permission'
import { rethrowUnknownOwner } from '../records/owner-errors'
import { requireUser } from '../middleware/session'
import { BulkInput, readBulkForm, safeBack } from '../records/bulk-form'
import { duplicateCheck } from '../records/duplicate-check'
import { renderTimeline } from '../records/timeline'

// Lead actions that are not whole forms: inline edits from the detail page, archive and
// restore, bulk actions from the list, the lazily loaded history, and the new-lead form's inline
// duplicate check.
export const leadsActions = new Hono<AuthedEnv>()
leadsActions.use('/leads/*', requireUser, requirePermission('records.read'))

const TARGET: BulkTarget = { table: leads, name: 'leads', entityType: 'lead', tagTarget: 'leadId' }

// htmx gets the re-rendered control and a signal for the history to reload; a plain form post
// goes back to the page.
async function answer(c: Context<AuthedEnv>, id: string, fragment: () => unknown | Promise<unknown>) {
  if (!isFragment(c)) return c.redirect(`/leads/${id}`, 303)
  c.header('HX-Trigger', TIMELINE_CHANGED)
  return c.html((await fragment()) as string)
}

// Conversion is not a status a select may choose; it has its own page.
leadsActions.post('/leads/:id/status', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const { status } = parseOrThrow(z.object({ status: z.enum(SETTABLE_LEAD_STATUSES) }), await readForm(c))
  if (await updateLead(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, { status })) await enqueueScore(c.env, c.var.tenantId, [id])
  return answer(c, id, () => leadStatusSelect({ id, status }))
})

leadsActions.post('/leads/:id/owner', requirePermission('records.assign'), async (c) => {
  const id = idParam(c, 'id')
  const { ownerId } = parseOrThrow(z.object({ ownerId: z.union([z.uuid(), z.literal('').transform(() => null)]) }), await readForm(c))
  if (await updateLead(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, { ownerId }).catch(rethrowUnknownOwner)) await enqueueScore(c.env, c.var.tenantId, [id])
  return answer(c, id, async () => leadOwnerSelect({ id, ownerId }, await listActiveMembers(c.var.db, c.var.tenantId)))
})

for (const [path, archived] of [['archive', true], ['restore', false]] as const) {
  leadsActions.post(`/leads/:id/${path}`, requirePermission('records.archive'), async (c) => {
    const id = idParam(c, 'id')
    await setLeadArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, archived)
    // An archived lead keeps its last score; a restored one is scored again.
    if (!archived) await enqueueScore(c.env, c.var.tenantId, [id])
    return c.redirect(`/leads/${id}`, 303)
  })
}

leadsActions.get('/leads/duplicates/check', requirePermission('records.create'), duplicateCheck('lead'))

leadsActions.get('/leads/:id/timeline', async (c) => {
  const id = idParam(c, 'id')
  return renderTimeline(c, 'lead', id, LEAD_FIELD_LABELS, { access: getLeadQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id) })
})

leadsActions.post('/leads/bulk', async (c) => {
  const input = parseOrThrow(BulkInput, await readBulkForm(c))
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const allowed = (action: 'records.assign' | 'records.archive' | 'records.update') => {
    if (!canSeeLeads(viewer) || !can(viewer.role, action)) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
  }
  if (input.action === 'assign') {
    allowed('records.assign')
    await bulkAssign(db, TARGET, c.var.tenantId, viewer, input.ids, input.ownerId ?? null).catch(rethrowUnknownOwner)
    await enqueueScore(c.env, c.var.tenantId, input.ids)
  } else if (input.action === 'archive') {
    allowed('records.archive')
    await bulkArchive(db, TARGET, c.var.tenantId, viewer, input.ids)
  } else {
    allowed('records.update')
    await bulkTag(db, TARGET, c.var.tenantId, viewer, input.ids, input.tagName ?? '', input.action === 'tag')
    await enqueueScore(c.env, c.var.tenantId, input.ids)
  }
  return c.redirect(safeBack(input.back, '/leads'), 303)
})
