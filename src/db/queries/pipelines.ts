import { and, asc, eq, sql } from 'drizzle-orm'
import { DEFAULT_PIPELINE } from '../../domain/opportunities/default-pipeline'
import type { StageInput } from '../../domain/opportunities/pipeline-schemas'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { uniqueViolation } from '../errors'
import { pipelineStages, pipelines } from '../schema'

// Pipelines and their ordered stages: the default set every workspace starts with, and the
// settings page's edits.

function pipelineWithStages(db: Db, tenantId: string, name: string, position: number | ReturnType<typeof sql>) {
  const pipelineId = newId()
  return [
    db.insert(pipelines).values({ tenantId, id: pipelineId, name, position }),
    db.insert(pipelineStages).values(DEFAULT_PIPELINE.stages.map((s, i) => ({ tenantId, pipelineId, name: s.name, position: i, probability: s.probability, rottingDays: s.rottingDays }))),
  ] as const
}

// The inserts that give a new workspace its "Sales" pipeline, for the workspace-creation batch.
export const defaultPipelineStatements = (db: Db, tenantId: string) => pipelineWithStages(db, tenantId, DEFAULT_PIPELINE.name, 0)

export type Stage = { id: string; pipelineId: string; name: string; position: number; probability: number; rottingDays: number | null }
export type PipelineWithStages = { id: string; name: string; stages: Stage[] }

export const listPipelinesQuery = (db: Db, tenantId: string) =>
  db
    .select({
      pipelineId: pipelines.id,
      pipelineName: pipelines.name,
      stage: { id: pipelineStages.id, pipelineId: pipelineStages.pipelineId, name: pipelineStages.name, position: pipelineStages.position, probability: pipelineStages.probability, rottingDays: pipelineStages.rottingDays },
    })
    .from(pipelines)
    .leftJoin(pipelineStages, and(eq(pipelineStages.tenantId, pipelines.tenantId), eq(pipelineStages.pipelineId, pipelines.id)))
    .where(eq(pipelines.tenantId, tenantId))
    .orderBy(asc(pipelines.position), asc(pipelines.createdAt), asc(pipelines.id), asc(pipelineStages.position))

// The flat join rows as pipelines, each with its stages in order.
export function groupPipelines(rows: Awaited<ReturnType<typeof listPipelinesQuery>>): PipelineWithStages[] {
  const byId = new Map<string, PipelineWithStages>()
  for (const row of rows) {
    const pipeline = byId.get(row.pipelineId) ?? { id: row.pipelineId, name: row.pipelineName, stages: [] }
    if (row.stage) pipeline.stages.push(row.stage)
    byId.set(row.pipelineId, pipeline)
  }
  return [...byId.values()]
}

export const listPipelinesWithStages = async (db: Db, tenantId: string) => groupPipelines(await listPipelinesQuery(db, tenantId))

// A new pipeline goes last and starts with the default stages, ready to be renamed.
export async function createPipeline(db: Db, tenantId: string, name: string): Promise<void> {
  await db.batch(pipelineWithStages(db, tenantId, name, sql`(select coalesce(max(${pipelines.position}) + 1, 0) from ${pipelines} where ${pipelines.tenantId} = ${tenantId})`))
}

// Two admins reordering or adding stages of one pipeline at the same moment can collide on the
// unique stage position: the later one is told to retry rather than shown a 500.
function positionTaken(err: unknown): never {
  if (uniqueViolation(err) === 'pipeline_stages_position_key') throw new AppError('CONFLICT', 'Someone else changed these stages a moment ago. Reload and try again.')
  throw err
}

export async function renamePipeline(db: Db, tenantId: string, pipelineId: string, name: string): Promise<void> {
  const rows = await db.update(pipelines).set({ name, updatedAt: sql`now()` }).where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, pipelineId))).returning({ id: pipelines.id })
  if (!rows.length) throw new AppError('NOT_FOUND', 'No such pipeline in this workspace.')
}

// A new stage goes at the end of its pipeline; the pipeline must be this workspace's.
export async function addStage(db: Db, tenantId: string, pipelineId: string, input: StageInput): Promise<void> {
  const rows = await db
    .insert(pipelineStages)
    .select(
      sql`select ${tenantId}::uuid, ${newId()}::uuid, p.id, ${input.name}, (select coalesce(max(s.position) + 1, 0) from ${pipelineStages} s where s.tenant_id = p.tenant_id and s.pipeline_id = p.id), ${input.probability}, ${input.rottingDays}, now(), now()
        from ${pipelines} p where p.tenant_id = ${tenantId} and p.id = ${pipelineId}`,
    )
    .returning({ id: pipelineStages.id })
    .catch(positionTaken)
  if (!rows.length) throw new AppError('NOT_FOUND', 'No such pipeline in this workspace.')
}

// Name, default probability and rotting threshold. Deals already in the stage keep their own
// probability: it was theirs to change.
export async function updateStage(db: Db, tenantId: string, stageId: string, input: StageInput): Promise<void> {
  const rows = await db
    .update(pipelineStages)
    .set({ ...input, updatedAt: sql`now()` })
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, stageId)))
    .returning({ id: pipelineStages.id })
  if (!rows.length) throw new AppError('NOT_FOUND', 'No such stage in this workspace.')
}

// Swaps a stage with its neighbour. Positions are unique per pipeline and the constraint is
// checked row by row, so the swap parks one stage at -1 first; all three writes are one batch.
export async function moveStage(db: Db, tenantId: string, stageId: string, direction: 'up' | 'down'): Promise<void> {
  const [stage] = await db.select().from(pipelineStages).where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, stageId)))
  if (!stage) throw new AppError('NOT_FOUND', 'No such stage in this workspace.')
  const [neighbour] = await db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.pipelineId, stage.pipelineId), direction === 'up' ? sql`${pipelineStages.position} < ${stage.position}` : sql`${pipelineStages.position} > ${stage.position}`))
    .orderBy(direction === 'up' ? sql`${pipelineStages.position} desc` : asc(pipelineStages.position))
    .limit(1)
  if (!neighbour) return
  const at = (id: string, position: number) => db.update(pipelineStages).set({ position, updatedAt: sql`now()` }).where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, id)))
  await db.batch([at(stage.id, -1), at(neighbour.id, stage.position), at(stage.id, neighbour.position)]).catch(positionTaken)
}
