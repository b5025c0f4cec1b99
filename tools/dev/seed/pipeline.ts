// The demo workspace's pipeline: the default one every new workspace gets (DEFAULT_PIPELINE, as
// defaultPipelineStatements inserts it), made here with ids the deals can refer to, so the whole
// seed stays one batch instead of inserting, reading the stage ids back and inserting again.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import { DEFAULT_PIPELINE } from '../../../src/domain/opportunities/default-pipeline.ts'
import { workspaceStart, type SeedContext } from './context.ts'
import type { Pipeline } from './deals.ts'

export function buildPipeline(ctx: SeedContext): { rows: Pick<DemoRows, 'pipelines' | 'pipelineStages'>; pipeline: Pipeline } {
  const createdAt = workspaceStart(ctx)
  const pipelineId = ctx.idAt(createdAt)
  const stages = DEFAULT_PIPELINE.stages.map((stage, position) => ({ ...stage, id: ctx.idAt(createdAt), position }))
  return {
    rows: {
      pipelines: [{ tenantId: ctx.tenantId, id: pipelineId, name: DEFAULT_PIPELINE.name, position: 0, createdAt, updatedAt: createdAt }],
      pipelineStages: stages.map((s) => ({ tenantId: ctx.tenantId, id: s.id, pipelineId, name: s.name, position: s.position, probability: s.probability, rottingDays: s.rottingDays, createdAt, updatedAt: createdAt })),
    },
    pipeline: { id: pipelineId, stages },
  }
}
