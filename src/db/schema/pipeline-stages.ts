import { sql } from 'drizzle-orm'
import { check, foreignKey, pgTable, primaryKey, smallint, text, unique, uuid } from 'drizzle-orm/pg-core'
import { newId } from '../../lib/ids'
import { createdAt, updatedAt } from './columns'
import { pipelines } from './pipelines'
import { tenants } from './tenants'

// The ordered stages of a pipeline. Each has the win probability a deal takes when it enters,
// and the number of days after which a deal sitting in it is "rotting" (null: never).
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    pipelineId: uuid().notNull(),
    name: text().notNull(),
    position: smallint().notNull(),
    probability: smallint().notNull(),
    rottingDays: smallint(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'pipeline_stages_pipeline_fk', columns: [t.tenantId, t.pipelineId], foreignColumns: [pipelines.tenantId, pipelines.id] }).onDelete('cascade'),
    // Lets opportunities reference (pipeline, stage) together, so a deal's stage is always one of
    // its own pipeline's stages.
    unique('pipeline_stages_pipeline_stage_key').on(t.tenantId, t.pipelineId, t.id),
    unique('pipeline_stages_position_key').on(t.tenantId, t.pipelineId, t.position),
    check('pipeline_stages_probability_range', sql`${t.probability} between 0 and 100`),
    check('pipeline_stages_rotting_positive', sql`${t.rottingDays} > 0`),
  ],
)
