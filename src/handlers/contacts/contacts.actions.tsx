import { Hono, type Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import * as z from 'zod'
import { getContact, getContactQuery, setContactArchived, updateContact } from '../../db/queries/contacts'
import { bulkArchive, bulkAssign, bulkTag, type BulkTarget } from '../../db/queries/records/bulk'
import { listActiveMembers } from '../../db/queries/records/columns'
import { contacts } from '../../db/schema'
import { can } from '../../domain/access/permissions'
import { CONTACT_FIELD_LABELS } from '../../domain/contacts/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { CONTACT_STATUSES } from '../../domain/records/vocab'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { TIMELINE_CHANGED, isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { contactOwnerSelect, contactStatusSelect } from '../../views/contacts/contact-detail'
import { requirePermission } from '../middleware/permission'
import { rethrowUnknownOwner } from '../records/owner-errors'
import { requireUser } from '../middleware/session'
import { BulkInput, readBulkForm, safeBack } from '../records/bulk-form'
import { duplicateCheck } from '../records/duplicate-check'
import { renderTimeline } from '../records/timeline'

// Contact actions that are not whole forms: inline edits from the detail page, archive and
// restore, bulk actions from the list, the lazily loaded history, and the new-contact form's
// inline duplicate check.
export const contactsActions = new Hono<AuthedEnv>()
contactsActions.use('/contacts/*', requireUser, requirePermission('records.read'))

const TARGET: BulkTarget = { table: contacts, name: 'contacts', entityType: 'contact', tagTarget: 'contactId' }

// htmx gets the re-rendered control and a signal for the history to reload; a plain form post
// goes back to the page.
async function answer(c: Context<AuthedEnv>, id: string, fragment: () => Promise<JSX.Element> | JSX.Element) {
  if (!isFragment(c)) return c.redirect(`/contacts/${id}`, 303)
  c.header('HX-Trigger', TIMELINE_CHANGED)
  return c.html(await fragment())
}

contactsActions.get('/contacts/duplicates/check', requirePermission('records.create'), duplicateCheck('contact'))

contactsActions.post('/contacts/:id/status', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const { status } = parseOrThrow(z.object({ status: z.enum(CONTACT_STATUSES) }), await readForm(c))
  await updateContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, { status })
  return answer(c, id, () => contactStatusSelect({ id, status }))
})

contactsActions.post('/contacts/:id/owner', requirePermission('records.assign'), async (c) => {
  const id = idParam(c, 'id')
  const { ownerId } = parseOrThrow(z.object({ ownerId: z.union([z.uuid(), z.literal('').transform(() => null)]) }), await readForm(c))
  await updateContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, { ownerId })
  return answer(c, id, async () => contactOwnerSelect({ id, ownerId }, await listActiveMembers(c.var.db, c.var.tenantId)))
})

for (const [path, archived] of [['archive', true], ['restore', false]] as const) {
  contactsActions.post(`/contacts/:id/${path}`, requirePermission('records.archive'), async (c) => {
    const id = idParam(c, 'id')
    await setContactArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, archived)
    return c.redirect(`/contacts/${id}`, 303)
  })
}

contactsActions.get('/contacts/:id/timeline', async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const contact = await getContact(c.var.db, c.var.tenantId, viewer, id)
  // Account ids in diffs show as names where we know them (the current account).
  return renderTimeline(c, 'contact', id, CONTACT_FIELD_LABELS, { names: contact.accountId && contact.accountName ? { [contact.accountId]: contact.accountName } : {}, access: getContactQuery(c.var.db, c.var.tenantId, viewer, id) })
})

contactsActions.post('/contacts/bulk', async (c) => {
  const input = parseOrThrow(BulkInput, await readBulkForm(c))
  const viewer = viewerOf(c.var.auth)
  const need = input.action === 'assign' ? 'records.assign' : input.action === 'archive' ? 'records.archive' : 'records.update'
  if (!can(viewer.role, need)) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
  const db = c.var.db
  if (input.action === 'assign') await bulkAssign(db, TARGET, c.var.tenantId, viewer, input.ids, input.ownerId ?? null).catch(rethrowUnknownOwner)
  else if (input.action === 'archive') await bulkArchive(db, TARGET, c.var.tenantId, viewer, input.ids)
  else await bulkTag(db, TARGET, c.var.tenantId, viewer, input.ids, input.tagName ?? '', input.action === 'tag')
  return c.redirect(safeBack(input.back, '/contacts'), 303)
})
