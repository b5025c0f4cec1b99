import { createRoute, type z } from '@hono/zod-openapi'
import { COMMON_ERRORS, NOT_FOUND } from './openapi'
import { RecordIdParam, TimelineEventJson, TimelineQuery, fieldsParam, listEnvelope } from './records'

type Names = { path: string; singular: string; plural: string }
type Summaries = Partial<Record<'list' | 'create' | 'get' | 'update' | 'archive' | 'timeline', string>>

// The OpenAPI definitions every record collection shares: list, create, read, update, archive
// and history, named and described the same way. Modules register their handlers against these
// and add their own extra routes (convert, complete, ...).
export function recordRoutes<Json extends z.ZodObject, Input extends z.ZodType, Patch extends z.ZodType, Shape extends z.ZodRawShape, Config extends z.core.$ZodObjectConfig>(
  n: Names,
  s: { json: Json; input: Input; patch: Patch; query: z.ZodObject<Shape, Config> },
  summaries: Summaries = {},
) {
  const base = `/${n.path}`
  const item = `${base}/{id}`
  const tags = [n.plural]
  const noun = n.singular.toLowerCase()
  const nouns = n.plural.toLowerCase()
  const a = /^[aeiou]/.test(noun) ? 'an' : 'a'
  const one = { 'application/json': { schema: s.json } }
  return {
    list: createRoute({
      method: 'get',
      path: base,
      operationId: `list${n.plural}`,
      tags,
      summary: summaries.list ?? `List ${nouns}, newest first by default, with filters and a keyset cursor`,
      request: { query: s.query.extend({ fields: fieldsParam(Object.keys(s.json.shape)) }) },
      responses: { 200: { description: `A page of ${nouns}`, content: { 'application/json': { schema: listEnvelope(s.json) } } }, ...COMMON_ERRORS },
    }),
    create: createRoute({
      method: 'post',
      path: base,
      operationId: `create${n.singular}`,
      tags,
      summary: summaries.create ?? `Create ${a} ${noun}`,
      request: { body: { required: true, content: { 'application/json': { schema: s.input } } } },
      responses: { 201: { description: 'Created', content: one }, ...COMMON_ERRORS },
    }),
    get: createRoute({
      method: 'get',
      path: item,
      operationId: `get${n.singular}`,
      tags,
      summary: summaries.get ?? `Read ${a} ${noun}`,
      request: { params: RecordIdParam },
      responses: { 200: { description: `The ${noun}`, content: one }, ...COMMON_ERRORS, ...NOT_FOUND },
    }),
    update: createRoute({
      method: 'patch',
      path: item,
      operationId: `update${n.singular}`,
      tags,
      summary: summaries.update ?? `Change some fields of ${a} ${noun}; writes one timeline event`,
      request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: s.patch } } } },
      responses: { 200: { description: `The updated ${noun}`, content: one }, ...COMMON_ERRORS, ...NOT_FOUND, 409: { description: 'Changed by someone else meanwhile' } },
    }),
    archive: createRoute({
      method: 'delete',
      path: item,
      operationId: `archive${n.singular}`,
      tags,
      summary: summaries.archive ?? `Archive ${a} ${noun} (it stays readable and can be restored)`,
      request: { params: RecordIdParam },
      responses: { 204: { description: 'Archived' }, ...COMMON_ERRORS, ...NOT_FOUND },
    }),
    timeline: createRoute({
      method: 'get',
      path: `${item}/timeline`,
      operationId: `${noun}Timeline`,
      tags,
      summary: summaries.timeline ?? `${a === 'an' ? 'An' : 'A'} ${noun}'s history, newest first`,
      request: { params: RecordIdParam, query: TimelineQuery },
      responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: listEnvelope(TimelineEventJson) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
    }),
  }
}
