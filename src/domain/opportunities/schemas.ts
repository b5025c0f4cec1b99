import * as z from 'zod'
import { optionalDate, optionalId, optionalText, requiredText, tagsField } from '../records/fields'
import { listQuery } from '../records/list-query'
import { OPPORTUNITY_STATUSES } from '../records/vocab'
import { normaliseAmount } from './rules'

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

// JSON clients send a number or a decimal string; a form always sends a string. Either way the
// value is kept as an exact two-decimal string, never a float.
const amountField = () =>
  z
    .preprocess(
      blankToNull,
      z
        .union([z.string(), z.number()], 'Enter an amount like 1250 or 1250.50.')
        .transform((v, ctx) => {
          const amount = normaliseAmount(v)
          if (amount === null) ctx.addIssue({ code: 'custom', message: 'Enter an amount of 0 or more, with at most two decimals.' })
          return amount ?? ''
        })
        .nullable(),
    )
    .optional()

const currencyField = () =>
  z
    .preprocess(blankToNull, z.string().trim().regex(/^[A-Za-z]{3}$/, 'Enter a three-letter currency code like USD.').transform((v) => v.toUpperCase()).nullable())
    .optional()

// A form's "" means "the stage's default"; JSON sends a number or null for the same.
const probabilityField = () =>
  z
    .preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v)) : v), z.number('Enter a whole number from 0 to 100.').int('Enter a whole number from 0 to 100.').min(0, 'Enter a whole number from 0 to 100.').max(100, 'Enter a whole number from 0 to 100.').nullable())
    .optional()

const fields = {
  name: requiredText('Name'),
  accountId: optionalId('account'),
  contactId: optionalId('contact'),
  amount: amountField(),
  currency: currencyField(),
  pipelineId: optionalId('pipeline'),
  // The stage's id. Named `stage` in the API because clients think of a deal's stage, not a key.
  stage: optionalId('stage'),
  probability: probabilityField(),
  closeDate: optionalDate(),
  ownerId: optionalId('owner'),
  status: z.enum(OPPORTUNITY_STATUSES, 'Choose open, won or lost.').optional(),
  lostReason: optionalText(500),
  tags: tagsField(),
}

// A lost deal says why. Checked on what the request sends: marking a deal lost must come with
// its reason.
const lostNeedsReason = (v: { status?: string; lostReason?: string | null }, ctx: z.RefinementCtx) => {
  if (v.status === 'lost' && !v.lostReason) ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'Say why the deal was lost.' })
}

// One schema for the deal form and the JSON API. `.strict()` rejects unknown keys by name.
export const OpportunityInput = z.object(fields).strict().superRefine(lostNeedsReason)
export type OpportunityInput = z.infer<typeof OpportunityInput>

export const OpportunityPatch = z.object(fields).partial().strict().superRefine(lostNeedsReason)
export type OpportunityPatch = z.infer<typeof OpportunityPatch>

// The board's (and detail page's) one-field stage move.
export const StageMove = z.object({ stageId: z.uuid('Choose a stage.') }).strict()

// The fields whose changes the timeline records (column names, as diffs store them), and labels.
// Stage before pipeline: a stage change's event is summarised by its first field, the stage.
export const OPPORTUNITY_FIELDS = ['name', 'accountId', 'contactId', 'amount', 'currency', 'stageId', 'pipelineId', 'probability', 'closeDate', 'ownerId', 'status', 'lostReason'] as const
export const OPPORTUNITY_FIELD_LABELS = {
  name: 'Name',
  accountId: 'Account',
  contactId: 'Contact',
  amount: 'Amount',
  currency: 'Currency',
  pipelineId: 'Pipeline',
  stageId: 'Stage',
  probability: 'Probability',
  closeDate: 'Close date',
  ownerId: 'Owner',
  status: 'Status',
  lostReason: 'Lost reason',
  tags: 'Tags',
} as const

export const OPPORTUNITY_SORTS = ['created', 'name', 'amount', 'closeDate'] as const

const day = z.iso.date('Use a date as YYYY-MM-DD.').optional()

export const OpportunityListQuery = listQuery(OPPORTUNITY_SORTS, OPPORTUNITY_STATUSES).extend({
  stage: z.uuid('Choose a valid stage.').optional(),
  pipeline: z.uuid('Choose a valid pipeline.').optional(),
  closeFrom: day,
  closeTo: day,
})
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>

// The API's view of a deal. `amount` is null for roles that may not see deal values (support).
export const OpportunityJson = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  contactId: z.string().nullable(),
  amount: z.string().nullable(),
  currency: z.string(),
  pipelineId: z.string(),
  stage: z.string(),
  stageName: z.string(),
  stageEnteredAt: z.string(),
  probability: z.number().int(),
  closeDate: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(OPPORTUNITY_STATUSES),
  lostReason: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
})
export type OpportunityJson = z.infer<typeof OpportunityJson>
