import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { getAccountQuery, setAccountArchived, updateAccount } from '../../db/queries/accounts'
import { accounts } from '../../db/schema'
import { bulkArchive, bulkAssign, bulkTag, type BulkTarget } from '../../db/queries/records/bulk'
import { listActiveMembers } from '../../db/queries/records/columns'
import { ACCOUNT_FIELD_LABELS } from '../../domain/accounts/schemas'
import { can } from '../../domain/access/permissions'
import { viewerOf } from '../../domain/records/viewer'
import { ACCOUNT_STATUSES } from '../../domain/records/vocab'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { TIMELINE_CHANGED, isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { accountOwnerSelect, accountStatusSelect } from '../../views/accounts/account-detail'
import { requirePermission } from '../middleware/permission'
import { rethrowUnknownOwner } from '../records/owner-errors'
import { requireUser } from '../middleware/session'
import { renderTimeline } from '../records/timeline'
import { BulkInput, readBulkForm, safeBack } from '../records/bulk-form'

// Account actions that are not whole forms: inline edits from the detail page, archive and
// restore, bulk actions from the list, and the lazily loaded history.
export const accountsActions = new Hono<AuthedEnv>()
accountsActions.use('/accounts/*', requireUser, requirePermission('records.read'))

const TARGET: BulkTarget = { table: accounts, name: 'accounts', entityType: 'account', tagTarget: 'accountId' }

// htmx gets the re-rendered control and a signal for the history to reload; a plain form post
// goes back to the page.
function answer(c: Context<AuthedEnv>, id: string, fragment: () => Promise<unknown>) {
  if (!isFragment(c)) return c.redirect(`/accounts/${id}`, 303)
  c.header('HX-Trigger', TIMELINE_CHANGED)
  return fragment().then((html) => c.html(html as string))
}

accountsActions.post('/accounts/:id/status', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const { status } = parseOrThrow(z.object({ status: z.enum(ACCOUNT_STATUSES) }), await readForm(c))
  await updateAccount(c.var.db, c.var.tenantId, viewer, id, { status })
  return answer(c, id, async () => accountStatusSelect({ id, status }))
})

accountsActions.post('/accounts/:id/owner', requirePermission('records.assign'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const { ownerId } = parseOrThrow(z.object({ ownerId: z.union([z.uuid(), z.literal('').transform(() => null)]) }), await readForm(c))
  await updateAccount(c.var.db, c.var.tenantId, viewer, id, { ownerId }).catch(rethrowUnknownOwner)
  return answer(c, id, async () => accountOwnerSelect({ id, ownerId }, await listActiveMembers(c.var.db, c.var.tenantId)))
})

accountsActions.post('/accounts/:id/archive', requirePermission('records.archive'), async (c) => {
  const id = idParam(c, 'id')
  await setAccountArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, true)
  return c.redirect(`/accounts/${id}`, 303)
})

accountsActions.post('/accounts/:id/restore', requirePermission('records.archive'), async (c) => {
  const id = idParam(c, 'id')
  await setAccountArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, false)
  return c.redirect(`/accounts/${id}`, 303)
})

accountsActions.get('/accounts/:id/timeline', async (c) => {
  const id = idParam(c, 'id')
  return renderTimeline(c, 'account', id, ACCOUNT_FIELD_LABELS, { access: getAccountQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id) })
})

accountsActions.post('/accounts/bulk', async (c) => {
  const input = parseOrThrow(BulkInput, await readBulkForm(c))
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  if (input.action === 'assign') {
    if (!can(viewer.role, 'records.assign')) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
    await bulkAssign(db, TARGET, c.var.tenantId, viewer, input.ids, input.ownerId ?? null).catch(rethrowUnknownOwner)
  } else if (input.action === 'archive') {
    if (!can(viewer.role, 'records.archive')) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
    await bulkArchive(db, TARGET, c.var.tenantId, viewer, input.ids)
  } else {
    if (!can(viewer.role, 'records.update')) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
    await bulkTag(db, TARGET, c.var.tenantId, viewer, input.ids, input.tagName ?? '', input.action === 'tag')
  }
  return c.redirect(safeBack(input.back, '/accounts'), 303)
})
