import { createContact, getContact, getContactQuery, listContactsQueries, setContactArchived, updateContact, type ContactRow } from '../../db/queries/contacts'
import { timelineWithAccess } from '../../db/queries/timeline'
import { ContactInput, ContactJson, ContactListQuery, ContactPatch } from '../../domain/contacts/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { assertAssignable, guardRecords, iso, timelineJson } from '../api/records'

export const contactsApi = apiRouter()
guardRecords(contactsApi, '/contacts')

const routes = recordRoutes({ path: 'contacts', singular: 'Contact', plural: 'Contacts' }, { json: ContactJson.openapi('Contact'), input: ContactInput, patch: ContactPatch, query: ContactListQuery }, { create: 'Create a contact; email and phone are also stored normalised' })

export const contactJson = (c: ContactRow) => ({
  ...c,
  ownerName: undefined,
  lastContactedAt: iso(c.lastContactedAt),
  tags: c.tags.map((t) => t.name),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  archivedAt: iso(c.archivedAt),
})

contactsApi.openapi(routes.list, async (c) => {
  const q = listContactsQueries(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('query'))
  const page = q.page(await q.rows)
  return c.json({ data: page.data.map(contactJson), nextCursor: page.nextCursor }, 200)
})

contactsApi.openapi(routes.create, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const id = await createContact(c.var.db, c.var.tenantId, c.var.userId, { ownerId: c.var.userId, ...input }, input.tags ?? [])
  return c.json(contactJson(await getContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)), 201)
})

contactsApi.openapi(routes.get, async (c) => c.json(contactJson(await getContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)), 200))

contactsApi.openapi(routes.update, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const viewer = viewerOf(c.var.auth)
  const { id } = c.req.valid('param')
  await updateContact(c.var.db, c.var.tenantId, viewer, id, input)
  return c.json(contactJson(await getContact(c.var.db, c.var.tenantId, viewer, id)), 200)
})

contactsApi.openapi(routes.archive, async (c) => {
  await setContactArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, true)
  return c.body(null, 204)
})

contactsApi.openapi(routes.timeline, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(timelineJson(await timelineWithAccess(c.var.db, c.var.tenantId, 'contact', id, c.req.valid('query'), getContactQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))), 200)
})
