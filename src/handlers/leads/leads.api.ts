import { createRoute, z } from '@hono/zod-openapi'
import { convertLead } from '../../db/queries/lead-conversion'
import { getContact } from '../../db/queries/contacts'
import { getLead, getLeadQuery, listLeadsQueries, setLeadArchived, updateLead, type LeadRow } from '../../db/queries/leads'
import { timelineWithAccess } from '../../db/queries/timeline'
import { ConvertInput } from '../../domain/leads/conversion'
import { LeadInput, LeadJson, LeadListQuery, LeadPatch } from '../../domain/leads/schemas'
import { ContactJson } from '../../domain/contacts/schemas'
import { canSeeLeads, viewerOf } from '../../domain/records/viewer'
import { AppError } from '../../lib/errors'
import { enqueueScore } from '../../lib/jobs/enqueue-score'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { RecordIdParam, assertAssignable, guardRecords, iso, rowsJson, timelineJson } from '../api/records'
import { contactJson } from '../contacts/contacts.api'
import { createLeadFromInput } from './lead-create'

export const leadsApi = apiRouter()
guardRecords(leadsApi, '/leads')
// Support never sees leads: the list says so (403); a lead's id is simply not found for them,
// which the queries enforce.
leadsApi.use('/leads', async (c, next) => {
  if (c.req.method === 'GET' && !canSeeLeads(viewerOf(c.var.auth))) throw new AppError('FORBIDDEN', 'Your role does not work with leads.')
  await next()
})

const routes = recordRoutes(
  { path: 'leads', singular: 'Lead', plural: 'Leads' },
  { json: LeadJson.openapi('Lead'), input: LeadInput, patch: LeadPatch, query: LeadListQuery },
  {
    list: 'List leads, newest first by default, with filters ("open" = new, contacted or qualified) and a keyset cursor',
    create: 'Create a lead (status and score are not set here: score comes from scoring, "converted" from conversion)',
  },
)
const CONFLICT = { 409: { description: 'Changed by someone else meanwhile, or already converted' } } as const

export const leadJson = ({ ownerName: _o, emailNormalized: _e, phoneDigits: _p, ...l }: LeadRow) => ({
  ...l,
  lastContactedAt: iso(l.lastContactedAt),
  convertedAt: iso(l.convertedAt),
  scoredAt: iso(l.scoredAt),
  tags: l.tags.map((t) => t.name),
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
  archivedAt: iso(l.archivedAt),
})

leadsApi.openapi(routes.list, async (c) => {
  const f = c.req.valid('query')
  const q = listLeadsQueries(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f)
  const page = q.page(await q.rows)
  return c.json({ data: rowsJson(page.data, leadJson, f.fields), nextCursor: page.nextCursor }, 200)
})

// An exact duplicate (a lead or contact with the same email or phone) is not created twice: the
// existing record gets the new details in its empty fields and comes back with 200.
const LeadDuplicate = z.union([
  LeadJson.extend({ duplicate: z.literal(true) }).openapi('LeadDuplicate'),
  z.object({ duplicate: z.literal(true), contact: ContactJson }).openapi('LeadDuplicateContact'),
])
const createLeadRoute = createRoute({
  ...routes.create,
  responses: {
    ...routes.create.responses,
    200: {
      description:
        'Not created: a lead with this email (or, without one, this phone) already exists. Its empty fields took the new values (filled ones are kept) and it is returned with "duplicate": true. When a contact has the email or phone, the details go to the contact instead: { "duplicate": true, "contact": {...} }. A match owned by someone the caller cannot see is a 422 on the field instead.',
      content: { 'application/json': { schema: LeadDuplicate } },
    },
  },
})

leadsApi.openapi(createLeadRoute, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const viewer = viewerOf(c.var.auth)
  const result = await createLeadFromInput(c, input)
  if (result.contactId) return c.json({ duplicate: true as const, contact: contactJson(await getContact(c.var.db, c.var.tenantId, viewer, result.contactId)) }, 200)
  const lead = leadJson(await getLead(c.var.db, c.var.tenantId, viewer, result.leadId ?? ''))
  return result.outcome === 'attached' ? c.json({ ...lead, duplicate: true as const }, 200) : c.json(lead, 201)
})

leadsApi.openapi(routes.get, async (c) => c.json(leadJson(await getLead(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)), 200))

leadsApi.openapi(routes.update, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const viewer = viewerOf(c.var.auth)
  const { id } = c.req.valid('param')
  if (await updateLead(c.var.db, c.var.tenantId, viewer, id, input)) await enqueueScore(c.env, c.var.tenantId, [id])
  return c.json(leadJson(await getLead(c.var.db, c.var.tenantId, viewer, id)), 200)
})

leadsApi.openapi(routes.archive, async (c) => {
  await setLeadArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, true)
  return c.body(null, 204)
})

leadsApi.openapi(routes.timeline, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(timelineJson(await timelineWithAccess(c.var.db, c.var.tenantId, 'lead', id, c.req.valid('query'), getLeadQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))), 200)
})

const Converted = z.object({ contactId: z.string(), accountId: z.string().nullable(), opportunityId: z.string().nullable() }).openapi('LeadConversion')

leadsApi.openapi(
  createRoute({
    method: 'post',
    path: '/leads/{id}/convert',
    operationId: 'convertLead',
    tags: ['Leads'],
    summary: 'Convert a lead: attach or create its contact and account (matched by email, domain or name) and optionally a deal, in one atomic batch',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: ConvertInput } } } },
    responses: { 200: { description: 'What the lead became', content: { 'application/json': { schema: Converted } } }, ...COMMON_ERRORS, ...NOT_FOUND, ...CONFLICT },
  }),
  async (c) => c.json(await convertLead(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, c.req.valid('json')), 200),
)
