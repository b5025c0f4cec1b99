import * as z from 'zod'
import { ACCOUNT_SIZES } from '../records/vocab'

// A workspace's scoring rules, as the settings form and /api/v1/scoring-rules accept them. Three
// kinds: fit rules look at the lead's own fields, engagement rules count what the lead did (with a
// half-life, so old engagement fades), and thresholds say what happens when a score reaches them.

// The lead fields a fit rule can test. emailDomain is the domain of the lead's email address.
export const FIT_FIELDS = ['title', 'industry', 'country', 'companySize', 'source', 'companyName', 'emailDomain', 'utmSource', 'utmCampaign'] as const
export type FitField = (typeof FIT_FIELDS)[number]

// What a lead did, as engagement rules name it. Each comes from a timeline event or a logged
// activity of the lead (see the score-inputs query for the mapping).
export const ENGAGEMENT_SIGNALS = ['form_submitted', 'email_replied', 'email_sent', 'call_connected', 'meeting_held', 'note_added', 'task_completed'] as const
export type EngagementSignal = (typeof ENGAGEMENT_SIGNALS)[number]

// Scores live in 0..100, so thresholds and points are on the same scale.
export const MAX_SCORE = 100

// The status a threshold can move a new or contacted lead to: qualified is the MQL mark.
export const THRESHOLD_STATUSES = ['qualified'] as const

const points = () => z.number('Enter a whole number of points.').int('Enter a whole number of points.').min(-100, 'Points go from -100 to 100.').max(100, 'Points go from -100 to 100.')
const name = () => z.string().trim().min(1, 'Give the rule a name.').max(100, 'Keep the name under 100 characters.')
const word = z.string('Enter a value.').trim().min(1, 'Enter a value.').max(200, 'Keep each value under 200 characters.')
const fitField = () => z.enum(FIT_FIELDS, 'Choose a lead field from the list.')

export const FitCondition = z.discriminatedUnion('op', [
  // Case-insensitive equality with any of the values.
  z.strictObject({ op: z.literal('in'), field: fitField(), values: z.array(word).min(1, 'List at least one value.').max(50) }),
  z.strictObject({ op: z.literal('notIn'), field: fitField(), values: z.array(word).min(1, 'List at least one value.').max(50) }),
  // Case-insensitive substring, e.g. title contains "VP".
  z.strictObject({ op: z.literal('contains'), field: fitField(), value: word }),
  // The company is at least this size bucket.
  z.strictObject({
    op: z.literal('atLeast'),
    field: z.literal('companySize', '“At least” compares company sizes: choose Company size as the field.'),
    value: z.enum(ACCOUNT_SIZES, `Choose a company size: ${ACCOUNT_SIZES.join(', ')}.`),
  }),
  // The field has a value at all.
  z.strictObject({ op: z.literal('isSet'), field: fitField() }),
  // The email's domain is not a free mailbox provider (gmail.com, ...): a work address.
  z.strictObject({ op: z.literal('businessEmail') }),
], 'Choose a condition from the list.')
export type FitCondition = z.infer<typeof FitCondition>

export const FitRuleInput = z.strictObject({ kind: z.literal('fit'), name: name(), points: points(), condition: FitCondition, enabled: z.boolean().default(true) })
export const EngagementRuleInput = z.strictObject({
  kind: z.literal('engagement'),
  name: name(),
  points: points(),
  signal: z.enum(ENGAGEMENT_SIGNALS, 'Choose what the lead did from the list.'),
  // Days after which an event counts half. Null: it never fades.
  halfLifeDays: z.number('The half-life is a number of days above 0.').positive('The half-life is a number of days above 0.').max(3650).nullable().default(30),
  enabled: z.boolean().default(true),
})
export const ThresholdRuleInput = z.strictObject({
  kind: z.literal('threshold'),
  name: name(),
  minScore: z.number('A threshold is a score from 1 to 100.').int('A threshold is a score from 1 to 100.').min(1, 'A threshold is a score from 1 to 100.').max(MAX_SCORE, 'A threshold is a score from 1 to 100.'),
  // The status a new or contacted lead moves to on reaching the threshold (e.g. qualified = MQL).
  setStatus: z.enum(THRESHOLD_STATUSES, 'Choose a status from the list.').nullable().default(null),
  // Re-route: give the lead to this member on reaching the threshold.
  assignTo: z.uuid('Choose a member of this workspace.').nullable().default(null),
  // Email the lead's owner (after any re-assignment) on reaching the threshold.
  notifyOwner: z.boolean().default(false),
  enabled: z.boolean().default(true),
})
export const ScoringRuleInput = z.discriminatedUnion('kind', [FitRuleInput, EngagementRuleInput, ThresholdRuleInput], 'Choose fit, engagement or threshold as the kind.')
export type ScoringRuleInput = z.infer<typeof ScoringRuleInput>

// A stored rule: the input plus its id.
export type ScoringRule = ScoringRuleInput & { id: string }
export type FitRule = Extract<ScoringRule, { kind: 'fit' }>
export type EngagementRule = Extract<ScoringRule, { kind: 'engagement' }>
export type ThresholdRule = Extract<ScoringRule, { kind: 'threshold' }>
