import { createRoute, z } from '@hono/zod-openapi'
import { dismissCandidate, listCandidates } from '../../db/queries/duplicate-candidates'
import { getContact } from '../../db/queries/contacts'
import { getLead } from '../../db/queries/leads'
import { mergeRecords } from '../../db/queries/merge'
import { MERGE_TARGETS } from '../../db/queries/merge-targets'
import { undoMerge } from '../../db/queries/merge-undo'
import { ContactJson } from '../../domain/contacts/schemas'
import { DuplicateListQuery, MergeInput, recordName, type MergeEntity } from '../../domain/dedupe/merge-fields'
import { LeadJson } from '../../domain/leads/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { enqueueScore } from '../../lib/jobs/enqueue-score'
import { contactJson } from '../contacts/contacts.api'
import { leadJson } from '../leads/leads.api'
import { requirePermission } from '../middleware/permission'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, listEnvelope } from '../api/records'

// Merging duplicates over the API: merge a lead or contact into the one named in the path, undo a
// merge, and the open possible duplicates. Every route needs 'records.merge'; the records
// involved must be visible to the caller, as on the pages.
export const mergeApi = apiRouter()
for (const path of ['/leads/:id/merge', '/contacts/:id/merge', '/merges/*', '/duplicates', '/duplicates/*']) mergeApi.use(path, requirePermission('records.merge'))

const CONFLICT = { 409: { description: 'Already merged, converted, or changed by someone else meanwhile' } } as const
const Merged = <T extends z.ZodType>(record: T, name: string) => z.object({ data: record, mergeId: z.string() }).openapi(name)

function mergeRoute(entity: MergeEntity, json: z.ZodType, name: string) {
  const path = MERGE_TARGETS[entity].path
  return createRoute({
    method: 'post',
    path: `/${path}/{id}/merge`,
    operationId: `merge${name}`,
    tags: [`${name}s`],
    summary: `Merge another ${entity} into this one, which survives. fields: per field (custom ones as "custom.<key>"), whose value to keep, 'self' or 'other'; unnamed fields keep this ${entity}'s value, or take the other's where this has none`,
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: MergeInput } } } },
    responses: { 200: { description: `The surviving ${entity}, as GET returns it`, content: { 'application/json': { schema: Merged(json, `${name}Merge`) } } }, ...COMMON_ERRORS, ...NOT_FOUND, ...CONFLICT },
  })
}

mergeApi.openapi(mergeRoute('lead', LeadJson, 'Lead'), async (c) => {
  const { id } = c.req.valid('param')
  const { otherId, fields } = c.req.valid('json')
  const viewer = viewerOf(c.var.auth)
  const mergeId = await mergeRecords(c.var.db, c.var.tenantId, viewer, MERGE_TARGETS.lead, id, otherId, fields ?? {})
  await enqueueScore(c.env, c.var.tenantId, [id])
  return c.json({ data: leadJson(await getLead(c.var.db, c.var.tenantId, viewer, id)), mergeId }, 200)
})

mergeApi.openapi(mergeRoute('contact', ContactJson, 'Contact'), async (c) => {
  const { id } = c.req.valid('param')
  const { otherId, fields } = c.req.valid('json')
  const viewer = viewerOf(c.var.auth)
  const mergeId = await mergeRecords(c.var.db, c.var.tenantId, viewer, MERGE_TARGETS.contact, id, otherId, fields ?? {})
  return c.json({ data: contactJson(await getContact(c.var.db, c.var.tenantId, viewer, id)), mergeId }, 200)
})

const UndoneJson = z.object({ mergeId: z.string(), entityType: z.enum(['lead', 'contact']), winnerId: z.string(), loserId: z.string() }).openapi('MergeUndone')

mergeApi.openapi(
  createRoute({
    method: 'post',
    path: '/merges/{id}/undo',
    operationId: 'undoMerge',
    tags: ['Duplicates'],
    summary: "Undo a record's last merge (within 30 days): values, moved rows, tags and the merged record come back",
    request: { params: RecordIdParam },
    responses: {
      200: { description: 'Undone', content: { 'application/json': { schema: UndoneJson } } },
      ...COMMON_ERRORS,
      ...NOT_FOUND,
      409: { description: 'Already undone, too old, not the last merge, or another record has taken an email or phone these records had' },
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const undone = await undoMerge(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
    if (undone.entityType === 'lead') await enqueueScore(c.env, c.var.tenantId, [undone.winnerId, undone.loserId])
    return c.json({ mergeId: id, ...undone }, 200)
  },
)

const Side = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })
const CandidateJson = z
  .object({ id: z.string(), entityType: z.enum(['lead', 'contact']), record: Side, other: Side, reason: z.string(), similarity: z.number(), createdAt: z.string() })
  .openapi('DuplicateCandidate')

mergeApi.openapi(
  createRoute({
    method: 'get',
    path: '/duplicates',
    operationId: 'listDuplicates',
    tags: ['Duplicates'],
    summary: 'Open possible duplicates of one type (both records live and visible to you), newest first, with a keyset cursor',
    request: { query: DuplicateListQuery },
    responses: { 200: { description: 'A page of possible duplicates', content: { 'application/json': { schema: listEnvelope(CandidateJson) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const f = c.req.valid('query')
    const page = await listCandidates(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f)
    const side = (id: string, parts: { email?: string | null }) => ({ id, name: recordName(f.type, parts), email: parts.email ?? null })
    const data = page.data.map((r) => ({ id: r.id, entityType: r.entityType, record: side(r.recordId, r.record), other: side(r.otherId, r.other), reason: r.reason, similarity: r.similarity, createdAt: r.createdAt.toISOString() }))
    return c.json({ data, nextCursor: page.nextCursor }, 200)
  },
)

mergeApi.openapi(
  createRoute({
    method: 'post',
    path: '/duplicates/{id}/dismiss',
    operationId: 'dismissDuplicate',
    tags: ['Duplicates'],
    summary: 'Dismiss a possible duplicate: the two records are not the same',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Dismissed' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await dismissCandidate(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
    return c.body(null, 204)
  },
)
