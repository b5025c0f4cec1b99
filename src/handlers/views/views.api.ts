import { createRoute, z } from '@hono/zod-openapi'
import { filteredRecordsPage, type FilteredPage } from '../../db/queries/views/records'
import { createView, deleteView, getView, listViewsQuery, updateView, type SavedView } from '../../db/queries/views/saved-views'
import { AccountJson } from '../../domain/accounts/schemas'
import { ContactJson } from '../../domain/contacts/schemas'
import { LeadJson } from '../../domain/leads/schemas'
import { OpportunityJson } from '../../domain/opportunities/schemas'
import { MAX_PAGE_SIZE, PAGE_SIZE } from '../../domain/records/list-query'
import { viewerOf } from '../../domain/records/viewer'
import { TaskOutput } from '../../domain/tasks/schemas'
import { VIEW_ENTITIES, type ViewEntity } from '../../domain/views/catalogue'
import { readable } from '../../domain/views/filter'
import { editRefusal, type ViewActor } from '../../domain/views/rules'
import { parseSort, ViewInput, ViewJson, ViewPatch } from '../../domain/views/schemas'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import { AppError } from '../../lib/errors'
import { accountJson } from '../accounts/accounts.api'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, fieldsParam, fieldsProblem, listEnvelope, rowsJson } from '../api/records'
import { contactJson } from '../contacts/contacts.api'
import { leadJson } from '../leads/leads.api'
import { opportunityJson } from '../opportunities/opportunities.api'
import { taskJson } from '../tasks/task-json'

// Saved views (segments) as JSON: read the ones you may see, save new ones, change or delete
// those you may change, and page through the records a view selects.
export const viewsApi = apiRouter()

const View = ViewJson.openapi('View')
const one = { 'application/json': { schema: View } }
const tags = ['Views']
const FORBIDDEN = { 403: { description: 'Not yours to change: someone else’s view, a workspace view for a rep, or a locked view for anyone but admins' } } as const
const CONFLICT = { 409: { description: 'Changed by someone else meanwhile' } } as const

export const viewJson = (v: SavedView, who: ViewActor) => ({ ...v, filter: readable(v.filter), canEdit: editRefusal(who, v) === null, createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString() })

viewsApi.openapi(
  createRoute({
    method: 'get',
    path: '/views',
    operationId: 'listViews',
    tags,
    summary: 'The saved views you can see (yours, your team’s and the workspace’s), built-in ones first',
    request: { query: z.object({ entity: z.enum(VIEW_ENTITIES).optional() }).strict() },
    responses: { 200: { description: 'Views', content: { 'application/json': { schema: z.object({ data: z.array(View) }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const who = viewerOf(c.var.auth)
    const views = await listViewsQuery(c.var.db, c.var.tenantId, who, c.req.valid('query').entity)
    return c.json({ data: views.map((v) => viewJson(v, who)) }, 200)
  },
)

viewsApi.openapi(
  createRoute({
    method: 'post',
    path: '/views',
    operationId: 'createView',
    tags,
    summary: 'Save a view: a name, a visibility and a filter document for one list',
    description:
      'The filter is `{field, op, value}` or a group `{and: [...]}`, `{or: [...]}`, `{not: {...}}`, nested at most 4 deep with at most 50 conditions. Workspace views need a manager or admin; only admins set `locked`.',
    request: { body: { required: true, content: { 'application/json': { schema: ViewInput } } } },
    responses: { 201: { description: 'Saved', content: one }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const who = viewerOf(c.var.auth)
    return c.json(viewJson(await createView(c.var.db, c.var.tenantId, who, c.req.valid('json')), who), 201)
  },
)

viewsApi.openapi(
  createRoute({ method: 'get', path: '/views/{id}', operationId: 'getView', tags, summary: 'Read a view', request: { params: RecordIdParam }, responses: { 200: { description: 'The view', content: one }, ...COMMON_ERRORS, ...NOT_FOUND } }),
  async (c) => {
    const who = viewerOf(c.var.auth)
    return c.json(viewJson(await getView(c.var.db, c.var.tenantId, who, c.req.valid('param').id), who), 200)
  },
)

viewsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/views/{id}',
    operationId: 'updateView',
    tags,
    summary: 'Rename a view, change its filter, sort or visibility, or (admins) lock it',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: ViewPatch } } } },
    responses: { 200: { description: 'The updated view', content: one }, ...COMMON_ERRORS, ...FORBIDDEN, ...NOT_FOUND, ...CONFLICT },
  }),
  async (c) => {
    const who = viewerOf(c.var.auth)
    return c.json(viewJson(await updateView(c.var.db, c.var.tenantId, who, c.req.valid('param').id, c.req.valid('json')), who), 200)
  },
)

viewsApi.openapi(
  createRoute({ method: 'delete', path: '/views/{id}', operationId: 'deleteView', tags, summary: 'Delete a view', request: { params: RecordIdParam }, responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS, ...FORBIDDEN, ...NOT_FOUND, ...CONFLICT } }),
  async (c) => {
    await deleteView(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
    return c.body(null, 204)
  },
)

const RecordsQuery = z
  .object({ cursor: z.string().max(MAX_CURSOR_LENGTH).optional(), limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE), fields: fieldsParam() })
  .strict()

// What `fields` may name: the keys of the view's list's items.
const ITEM_SCHEMAS = { accounts: AccountJson, contacts: ContactJson, leads: LeadJson, opportunities: OpportunityJson, tasks: TaskOutput } satisfies Record<ViewEntity, z.ZodObject>

// Each list's records as that list's own endpoint shows them.
function recordsJson(page: FilteredPage, fields?: readonly string[]): unknown[] {
  switch (page.entity) {
    case 'accounts':
      return rowsJson(page.data, accountJson, fields)
    case 'contacts':
      return rowsJson(page.data, contactJson, fields)
    case 'leads':
      return rowsJson(page.data, leadJson, fields)
    case 'opportunities':
      return rowsJson(page.data, opportunityJson, fields)
    case 'tasks':
      return rowsJson(page.data, taskJson, fields)
  }
}

viewsApi.openapi(
  createRoute({
    method: 'get',
    path: '/views/{id}/records',
    operationId: 'viewRecords',
    tags,
    summary: 'The records a view selects, in its sort order, with a keyset cursor',
    description: 'Records are shaped as the view’s list endpoint (e.g. `GET /contacts`) returns them. "me" in a filter is the caller.',
    request: { params: RecordIdParam, query: RecordsQuery },
    responses: { 200: { description: 'A page of records', content: { 'application/json': { schema: listEnvelope(z.record(z.string(), z.unknown())) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const who = viewerOf(c.var.auth)
    const view = await getView(c.var.db, c.var.tenantId, who, c.req.valid('param').id)
    const q = c.req.valid('query')
    const problem = q.fields && fieldsProblem(q.fields, Object.keys(ITEM_SCHEMAS[view.entity].shape))
    if (problem) throw new AppError('VALIDATION', 'The request has invalid fields.', [{ path: 'fields', message: problem }])
    const page = await filteredRecordsPage(c.var.db, c.var.tenantId, who, view.entity, view.filter, { ...parseSort(view.entity, view.sort), ...q })
    return c.json({ data: recordsJson(page, q.fields) as Record<string, unknown>[], nextCursor: page.nextCursor }, 200)
  },
)
