import { createRoute, z } from '@hono/zod-openapi'
import { listPipelinesWithStages } from '../../db/queries/pipelines'
import { COMMON_ERRORS, apiRouter } from '../api/openapi'
import { guardRecords } from '../api/records'

// Read-only: the stage ids a client needs to move deals (`stage` on an opportunity). Pipelines
// are edited in the settings UI.
export const pipelinesApi = apiRouter()
guardRecords(pipelinesApi, '/pipelines')

const Stage = z.object({ id: z.string(), name: z.string(), position: z.number().int(), probability: z.number().int(), rottingDays: z.number().int().nullable() })
const Pipeline = z.object({ id: z.string(), name: z.string(), stages: z.array(Stage) }).openapi('Pipeline')

pipelinesApi.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines',
    operationId: 'listPipelines',
    tags: ['Opportunities'],
    summary: "The workspace's pipelines, each with its stages in order",
    responses: { 200: { description: 'Pipelines', content: { 'application/json': { schema: z.object({ data: z.array(Pipeline) }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const pipelines = await listPipelinesWithStages(c.var.db, c.var.tenantId)
    return c.json({ data: pipelines.map((p) => ({ id: p.id, name: p.name, stages: p.stages.map(({ pipelineId: _p, ...s }) => s) })) }, 200)
  },
)
