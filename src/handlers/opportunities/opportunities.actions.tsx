import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { getOpportunity, getOpportunityQuery } from '../../db/queries/opportunities'
import { setOpportunityArchived, updateOpportunity } from '../../db/queries/opportunity-writes'
import { listPipelinesQuery, groupPipelines } from '../../db/queries/pipelines'
import { bulkArchive, bulkAssign, bulkTag, type BulkTarget } from '../../db/queries/records/bulk'
import { listActiveMembers } from '../../db/queries/records/columns'
import { opportunities } from '../../db/schema'
import { can } from '../../domain/access/permissions'
import { OPPORTUNITY_FIELD_LABELS, OpportunityPatch } from '../../domain/opportunities/schemas'
import { viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { TIMELINE_CHANGED, isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { DealStatusForm, dealOwnerSelect } from '../../views/opportunities/opportunity-detail'
import { requirePermission } from '../middleware/permission'
import { rethrowUnknownOwner } from '../records/owner-errors'
import { BulkInput, readBulkForm, safeBack } from '../records/bulk-form'
import { renderTimeline } from '../records/timeline'

// Opportunity actions that are not whole forms: inline status and owner edits, archive and
// restore, bulk actions from the list, and the lazily loaded history. (Stage moves are on the
// board's router, which the detail page's stage picker shares.)
export const opportunityActions = new Hono<AuthedEnv>()

const TARGET: BulkTarget = { table: opportunities, name: 'opportunities', entityType: 'opportunity', tagTarget: 'opportunityId' }

// htmx gets the re-rendered control and a signal for the history to reload; a plain form post
// goes back to the page.
function answer(c: Context<AuthedEnv>, id: string, fragment: () => Promise<unknown>) {
  if (!isFragment(c)) return c.redirect(`/opportunities/${id}`, 303)
  c.header('HX-Trigger', TIMELINE_CHANGED)
  return fragment().then((html) => c.html(html as string))
}

const StatusForm = z.object({ status: z.string(), lostReason: z.string().optional() }).strict()

// Marking a deal lost needs its reason; a missing one comes back on the same small form.
opportunityActions.post('/opportunities/:id/status', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const form = parseOrThrow(StatusForm, await readForm(c))
  const patch = OpportunityPatch.safeParse(form)
  if (!patch.success) {
    const errors = toFieldErrors(patch.error)
    if (!isFragment(c)) throw new AppError('VALIDATION', errors.map((e) => e.message).join(' '), errors)
    const deal = await getOpportunity(c.var.db, c.var.tenantId, viewer, id)
    return c.html(<DealStatusForm deal={deal} values={form} errors={errors} />, 422)
  }
  await updateOpportunity(c.var.db, c.var.tenantId, viewer, id, patch.data)
  return answer(c, id, async () => <DealStatusForm deal={await getOpportunity(c.var.db, c.var.tenantId, viewer, id)} />)
})

opportunityActions.post('/opportunities/:id/owner', requirePermission('records.assign'), async (c) => {
  const id = idParam(c, 'id')
  const { ownerId } = parseOrThrow(z.object({ ownerId: z.union([z.uuid(), z.literal('').transform(() => null)]) }), await readForm(c))
  await updateOpportunity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, { ownerId })
  return answer(c, id, async () => dealOwnerSelect({ id, ownerId }, await listActiveMembers(c.var.db, c.var.tenantId)))
})

for (const [path, archived] of [['archive', true], ['restore', false]] as const) {
  opportunityActions.post(`/opportunities/:id/${path}`, requirePermission('records.archive'), async (c) => {
    const id = idParam(c, 'id')
    await setOpportunityArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, archived)
    return c.redirect(`/opportunities/${id}`, 303)
  })
}

// Stage and pipeline ids in diffs are shown by name.
opportunityActions.get('/opportunities/:id/timeline', async (c) => {
  const id = idParam(c, 'id')
  const db = c.var.db
  const pipelineRows = await listPipelinesQuery(db, c.var.tenantId)
  const names = Object.fromEntries(groupPipelines(pipelineRows).flatMap((p) => [[p.id, p.name], ...p.stages.map((s) => [s.id, s.name])]))
  return renderTimeline(c, 'opportunity', id, OPPORTUNITY_FIELD_LABELS, { names, access: getOpportunityQuery(db, c.var.tenantId, viewerOf(c.var.auth), id) })
})

opportunityActions.post('/opportunities/bulk', async (c) => {
  const input = parseOrThrow(BulkInput, await readBulkForm(c))
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const need = input.action === 'assign' ? 'records.assign' : input.action === 'archive' ? 'records.archive' : 'records.update'
  if (!can(viewer.role, need)) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
  if (input.action === 'assign') await bulkAssign(db, TARGET, c.var.tenantId, viewer, input.ids, input.ownerId ?? null).catch(rethrowUnknownOwner)
  else if (input.action === 'archive') await bulkArchive(db, TARGET, c.var.tenantId, viewer, input.ids)
  else await bulkTag(db, TARGET, c.var.tenantId, viewer, input.ids, input.tagName ?? '', input.action === 'tag')
  return c.redirect(safeBack(input.back, '/opportunities'), 303)
})
