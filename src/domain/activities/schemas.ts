import * as z from 'zod'
import { optionalInstant, optionalText, requiredText } from '../records/fields'
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES, ALL_ACTIVITY_OUTCOMES, RELATED_TYPES, type ActivityType } from '../records/vocab'
import { relatedIdField, relatedTypeField, whenObject } from '../related/related'

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)
// A form sends "30"; JSON sends 30. Anything else stays as it is, for zod to reject.
const toNumber = (v: unknown) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : blankToNull(v))

const ActivityFields = {
  type: z.enum(ACTIVITY_TYPES, 'Choose call, email or meeting.'),
  outcome: z.string({ error: 'Choose an outcome.' }).trim().min(1, 'Choose an outcome.'),
  subject: requiredText('Subject'),
  body: optionalText(10_000),
  // Defaults to now: most activities are logged as they end.
  occurredAt: optionalInstant(),
  durationMinutes: z.preprocess(toNumber, z.number('Enter the duration in minutes.').int('Enter whole minutes.').min(1, 'Enter at least 1 minute.').max(1440, 'Enter at most 1440 minutes (a day).').nullable()).optional(),
}

export const isOutcomeFor = (type: ActivityType, outcome: string): boolean => (ACTIVITY_OUTCOMES[type] as readonly string[]).includes(outcome)

export function outcomeIssue(type: unknown, outcome: unknown): { path: string; message: string } | null {
  if (!(ACTIVITY_TYPES as readonly unknown[]).includes(type) || typeof outcome !== 'string') return null
  const kind = type as ActivityType
  if (isOutcomeFor(kind, outcome)) return null
  return { path: 'outcome', message: `Choose an outcome of a ${kind}: ${ACTIVITY_OUTCOMES[kind].map(outcomeLabel).join(', ').toLowerCase()}.` }
}

// `when` runs the check even when other fields failed, so one submit reports every problem.
const outcomeCheck = {
  path: ['outcome'],
  when: whenObject,
  error: (issue: { input: unknown }) => outcomeIssue(field(issue.input, 'type'), field(issue.input, 'outcome'))?.message ?? 'Choose an outcome.',
}
const field = (input: unknown, key: string): unknown => (typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined)
const outcomeFits = (v: { type?: unknown; outcome?: unknown }) => outcomeIssue(v.type, v.outcome) === null

export const ActivityInput = z
  .object({ ...ActivityFields, relatedType: relatedTypeField(), relatedId: relatedIdField() })
  .strict()
  .refine(outcomeFits, outcomeCheck)
export type ActivityInput = z.infer<typeof ActivityInput>

// The record an activity was logged on stays fixed; the rest can be corrected. The outcome is
// checked again against the merged activity when only one of type and outcome is sent.
export const ActivityPatch = z.object(ActivityFields).partial().strict().refine(outcomeFits, outcomeCheck)
export type ActivityPatch = z.infer<typeof ActivityPatch>

export const ACTIVITY_FIELD_LABELS = { type: 'Type', outcome: 'Outcome', subject: 'Subject', body: 'Notes', occurredAt: 'When', durationMinutes: 'Duration (minutes)' } as const
export const ACTIVITY_FIELDS = ['type', 'outcome', 'subject', 'body', 'occurredAt', 'durationMinutes'] as const

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = { call: 'Call', email: 'Email', meeting: 'Meeting' }

// "left_voicemail" → "Left voicemail".
export function outcomeLabel(outcome: string): string {
  const words = outcome.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const ActivityOutput = z.object({
  id: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  outcome: z.enum(ALL_ACTIVITY_OUTCOMES as [string, ...string[]]),
  subject: z.string(),
  body: z.string().nullable(),
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  relatedType: z.enum(RELATED_TYPES),
  relatedId: z.string(),
  createdBy: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
})
