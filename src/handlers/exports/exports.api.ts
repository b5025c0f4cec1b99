import { createRoute, z } from '@hono/zod-openapi'
import { VIEW_ENTITIES } from '../../domain/views/catalogue'
import { csvHeaders, findExport } from '../../lib/exports/files'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam } from '../api/records'
import { requirePermission } from '../middleware/permission'
import { startExport } from './start-export'

// Exports as an API client asks for them: POST a list and its query (the same parameters as
// GET /api/v1/<list>, plus `view`), get the CSV back streamed, or for a large export a 202 with
// the export's id, to fetch from GET /exports/{id} once the job has written it.
export const exportsApi = apiRouter()
exportsApi.use('/exports', requirePermission('records.export'))
exportsApi.use('/exports/*', requirePermission('records.export'))

const tags = ['Exports']
const CSV = { 'text/csv': { schema: z.string() } }
const Preparing = z.object({ id: z.string(), status: z.literal('preparing') }).openapi('ExportPreparing')
const preparing = (description: string) => ({ description, content: { 'application/json': { schema: Preparing } } })

const ExportRequest = z
  .object({
    entity: z.enum(VIEW_ENTITIES),
    view: z.uuid().optional().openapi({ description: 'A saved view of this list to export' }),
    query: z
      .record(z.string(), z.string().max(16_000))
      .optional()
      .openapi({ description: 'The list’s query parameters, as for GET /api/v1/<list>: filters, `filter` (a filter document as JSON) and sort', example: { status: 'customer', sort: 'name' } }),
  })
  .strict()
  .openapi('ExportRequest')

exportsApi.openapi(
  createRoute({
    method: 'post',
    path: '/exports',
    operationId: 'createExport',
    tags,
    summary: 'Export a list or saved view as CSV (UTF-8 with a BOM, formula-safe cells)',
    description: 'Up to 50,000 rows stream back at once. Larger exports are prepared in the background: 202 with the export’s id, and the asker gets an email when it is ready. Writes an `exported` audit event.',
    request: { body: { required: true, content: { 'application/json': { schema: ExportRequest } } } },
    responses: { 200: { description: 'The CSV file', content: CSV }, 202: preparing('A large export, being prepared'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { entity, view, query } = c.req.valid('json')
    const started = await startExport(c, { entity, params: { ...query, ...(view ? { view } : {}) } })
    if (started.kind === 'job') return c.json({ id: started.id, status: 'preparing' as const }, 202)
    return c.body(started.body, 200, started.headers)
  },
)

exportsApi.openapi(
  createRoute({
    method: 'get',
    path: '/exports/{id}',
    operationId: 'getExport',
    tags,
    summary: 'Download a prepared export (only the person who asked for it, for 7 days)',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The CSV file', content: CSV }, 202: preparing('Not ready yet'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const id = c.req.valid('param').id
    const found = await findExport(c.env.FILES, c.var.tenantId, c.var.userId, id)
    if (found.status === 'preparing') return c.json({ id, status: 'preparing' as const }, 202)
    return c.body(found.body, 200, { ...csvHeaders(found.meta.filename), 'Content-Length': String(found.size) })
  },
)
