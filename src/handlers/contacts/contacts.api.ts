import { createRoute } from '@hono/zod-openapi'
import { createContact, getContact, listContactsQueries, setContactArchived, updateContact, type ContactRow } from '../../db/queries/contacts'
import { timelinePage } from '../../db/queries/timeline'
import { ContactInput, ContactJson, ContactListQuery, ContactPatch } from '../../domain/contacts/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, TimelineEventJson, TimelineQuery, assertAssignable, guardRecords, iso, listEnvelope, timelineJson } from '../api/records'

export const contactsApi = apiRouter()
guardRecords(contactsApi, '/contacts')

const Contact = ContactJson.openapi('Contact')
const json = { 'application/json': { schema: Contact } }

export const contactJson = (c: ContactRow) => ({
  ...c,
  ownerName: undefined,
  lastContactedAt: iso(c.lastContactedAt),
  tags: c.tags.map((t) => t.name),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  archivedAt: iso(c.archivedAt),
})

contactsApi.openapi(
  createRoute({
    method: 'get',
    path: '/contacts',
    operationId: 'listContacts',
    tags: ['Contacts'],
    summary: 'List contacts, newest first by default, with filters and a keyset cursor',
    request: { query: ContactListQuery },
    responses: { 200: { description: 'A page of contacts', content: { 'application/json': { schema: listEnvelope(Contact) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const q = listContactsQueries(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('query'))
    const page = q.page(await q.rows)
    return c.json({ data: page.data.map(contactJson), nextCursor: page.nextCursor }, 200)
  },
)

contactsApi.openapi(
  createRoute({
    method: 'post',
    path: '/contacts',
    operationId: 'createContact',
    tags: ['Contacts'],
    summary: 'Create a contact; email and phone are also stored normalised',
    request: { body: { required: true, content: { 'application/json': { schema: ContactInput } } } },
    responses: { 201: { description: 'Created', content: json }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const input = c.req.valid('json')
    assertAssignable(c, input)
    const id = await createContact(c.var.db, c.var.tenantId, c.var.userId, { ownerId: c.var.userId, ...input }, input.tags ?? [])
    return c.json(contactJson(await getContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)), 201)
  },
)

contactsApi.openapi(
  createRoute({
    method: 'get',
    path: '/contacts/{id}',
    operationId: 'getContact',
    tags: ['Contacts'],
    summary: 'Read a contact',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The contact', content: json }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => c.json(contactJson(await getContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)), 200),
)

contactsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/contacts/{id}',
    operationId: 'updateContact',
    tags: ['Contacts'],
    summary: 'Change some fields of a contact; writes one timeline event',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: ContactPatch } } } },
    responses: { 200: { description: 'The updated contact', content: json }, ...COMMON_ERRORS, ...NOT_FOUND, 409: { description: 'Changed by someone else meanwhile' } },
  }),
  async (c) => {
    const input = c.req.valid('json')
    assertAssignable(c, input)
    const viewer = viewerOf(c.var.auth)
    const { id } = c.req.valid('param')
    await updateContact(c.var.db, c.var.tenantId, viewer, id, input)
    return c.json(contactJson(await getContact(c.var.db, c.var.tenantId, viewer, id)), 200)
  },
)

contactsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/contacts/{id}',
    operationId: 'archiveContact',
    tags: ['Contacts'],
    summary: 'Archive a contact (it stays readable and can be restored)',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Archived' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await setContactArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, true)
    return c.body(null, 204)
  },
)

contactsApi.openapi(
  createRoute({
    method: 'get',
    path: '/contacts/{id}/timeline',
    operationId: 'contactTimeline',
    tags: ['Contacts'],
    summary: "A contact's history, newest first",
    request: { params: RecordIdParam, query: TimelineQuery },
    responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: listEnvelope(TimelineEventJson) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await getContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
    const page = await timelinePage(c.var.db, c.var.tenantId, 'contact', id, c.req.valid('query'))
    return c.json(timelineJson(page), 200)
  },
)
