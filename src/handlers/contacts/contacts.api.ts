import { createRoute, z } from '@hono/zod-openapi'
import { createContact } from '../../db/queries/contact-create'
import { getContact, getContactQuery, listContactsQueries, setContactArchived, updateContact, type ContactRow } from '../../db/queries/contacts'
import { timelineWithAccess } from '../../db/queries/timeline'
import { ContactInput, ContactJson, ContactListQuery, ContactPatch } from '../../domain/contacts/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { assertAssignable, guardRecords, iso, rowsJson, timelineJson } from '../api/records'

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
  const f = c.req.valid('query')
  const q = listContactsQueries(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f)
  const page = q.page(await q.rows)
  return c.json({ data: rowsJson(page.data, contactJson, f.fields), nextCursor: page.nextCursor }, 200)
})

// An exact duplicate (a live contact with the same email or phone) is not created twice.
const createContactRoute = createRoute({
  ...routes.create,
  responses: {
    ...routes.create.responses,
    200: {
      description:
        'Not created: a contact with this email (or, without one, this phone) already exists. Its empty fields took the new values (filled ones are kept) and it is returned with "duplicate": true. A match owned by someone the caller cannot see is a 422 on the field instead.',
      content: { 'application/json': { schema: ContactJson.extend({ duplicate: z.literal(true) }).openapi('ContactDuplicate') } },
    },
  },
})

contactsApi.openapi(createContactRoute, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const viewer = viewerOf(c.var.auth)
  const result = await createContact(c.var.db, c.var.tenantId, viewer, { ownerId: c.var.userId, ...input }, input.tags ?? [])
  const contact = contactJson(await getContact(c.var.db, c.var.tenantId, viewer, result.id))
  return result.duplicate ? c.json({ ...contact, duplicate: true as const }, 200) : c.json(contact, 201)
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
