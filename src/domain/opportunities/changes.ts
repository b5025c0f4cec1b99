import type { FieldError } from '../../lib/errors'
import type { OpportunityStatus } from '../records/vocab'
import { probabilityAfter } from './rules'
import type { OpportunityInput, OpportunityPatch } from './schemas'

// How a create or a patch becomes column values: which stage it lands in, the probability that
// follows from it, and the lost reason that only a lost deal keeps.

export type StageRef = { id: string; pipelineId: string; probability: number }

// Which stage a write needs looked up: a named one, the first of a pipeline, the workspace's first.
export type StageWant = { stageId: string } | { pipelineId: string } | 'first' | null

export const stageWantOf = (v: { stage?: string | null; pipelineId?: string | null }, isCreate: boolean): StageWant =>
  v.stage ? { stageId: v.stage } : v.pipelineId ? { pipelineId: v.pipelineId } : isCreate ? 'first' : null

export type DealState = { pipelineId: string; stageId: string; stageProbability: number; probability: number; status: OpportunityStatus; lostReason: string | null }

type Columns = Omit<OpportunityPatch, 'stage' | 'tags' | 'probability' | 'status' | 'pipelineId' | 'currency'> & { currency?: string; pipelineId?: string; stageId?: string; probability?: number; status?: OpportunityStatus }

export type Planned = { values: Columns; stageChanged: boolean; errors: FieldError[] }

// A stage must be one of the deal's pipeline: the pipeline named in the same request, else the
// one the deal is in. Naming only a new pipeline moves the deal to that pipeline's first stage.
export function planDeal(input: OpportunityPatch | OpportunityInput, before: DealState | null, stage: StageRef | null, defaultCurrency: string): Planned {
  const { stage: _stage, tags: _tags, pipelineId: _pipelineId, currency, probability, status, lostReason, ...rest } = input
  const errors: FieldError[] = []
  if (input.stage === null) errors.push({ path: 'stage', message: 'Choose a stage.' })
  if (input.pipelineId === null) errors.push({ path: 'pipelineId', message: 'Choose a pipeline.' })
  const pipelineId = input.pipelineId ?? before?.pipelineId
  const movesPipeline = !before || (input.pipelineId !== undefined && input.pipelineId !== before.pipelineId)
  const target = input.stage || movesPipeline ? stage : null
  if (input.stage && stage && pipelineId && stage.pipelineId !== pipelineId) errors.push({ path: 'stage', message: 'That stage belongs to another pipeline. Choose a stage of this pipeline.' })

  // The pipeline only ever changes together with the stage, as the stage's own pipeline.
  const values: Columns = { ...rest }
  // No currency (a blank form field, or null) means the workspace's default.
  if (currency !== undefined || !before) values.currency = currency ?? defaultCurrency
  const stageChanged = target !== null && target.id !== before?.stageId
  if (target && stageChanged) Object.assign(values, { pipelineId: target.pipelineId, stageId: target.id })
  const stageDefault = stageChanged && target ? target.probability : (before?.stageProbability ?? 0)
  if (probability !== undefined || stageChanged) values.probability = probabilityAfter({ stageChanged, given: probability, stageDefault, current: before?.probability ?? stageDefault })

  const nextStatus = status ?? before?.status ?? 'open'
  if (status !== undefined || !before) values.status = nextStatus
  // Only a lost deal has a reason; reopening or winning it clears the old one.
  if (nextStatus === 'lost') {
    if (lostReason !== undefined) values.lostReason = lostReason
  } else if (before?.lostReason || lostReason !== undefined) values.lostReason = null
  return { values, stageChanged, errors }
}
