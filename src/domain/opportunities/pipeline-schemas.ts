import * as z from 'zod'
import { requiredText } from '../records/fields'

// The pipeline settings forms. Values arrive as form strings; "" rotting days means "never rots".
const wholeNumber = (message: string, min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number(message).int(message).min(min, message).max(max, message))

export const PipelineInput = z.object({ name: requiredText('Name', 80) }).strict()
export type PipelineInput = z.infer<typeof PipelineInput>

export const StageInput = z
  .object({
    name: requiredText('Name', 80),
    probability: wholeNumber('Enter a probability from 0 to 100.', 0, 100),
    rottingDays: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), wholeNumber('Enter a number of days from 1 to 365, or leave it empty.', 1, 365).nullable()),
  })
  .strict()
export type StageInput = z.infer<typeof StageInput>

export const StageMoveDirection = z.object({ direction: z.enum(['up', 'down']) }).strict()
