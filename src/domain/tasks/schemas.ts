import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import { filterParam, MAX_PAGE_SIZE, PAGE_SIZE } from '../records/list-query'
import { optionalId, optionalInstant, optionalText, requiredText } from '../records/fields'
import { RELATED_TYPES, TASK_TYPES, type RelatedType } from '../records/vocab'
import { optionalRelatedFields, relatedPairIssue, whenObject } from '../related/related'

// One schema for the task form and the JSON API. completedAt/completedBy are not inputs: a task
// is completed or reopened through its own action, so sending them is a 422 naming the field.
const TaskObject = z
  .object({
    title: requiredText('Title'),
    type: z.enum(TASK_TYPES, 'Choose call, email, meeting or to-do.').optional(),
    description: optionalText(5000),
    dueAt: optionalInstant(),
    remindAt: optionalInstant(),
    assigneeId: optionalId('assignee'),
    ...optionalRelatedFields(),
  })
  .strict()

type Instant = string | Date | null | undefined
const time = (v: Instant) => (v === null || v === undefined ? null : new Date(v).getTime())

// A reminder after the due time would arrive too late to help.
export function reminderIssue(dueAt: Instant, remindAt: Instant): { path: string; message: string } | null {
  const due = time(dueAt)
  const remind = time(remindAt)
  return due !== null && remind !== null && remind > due ? { path: 'remindAt', message: 'Set the reminder at or before the due time.' } : null
}

// `when` runs these even when other fields failed, so one submit reports every problem.
const pairCheck = { path: ['relatedId'], when: whenObject, error: (issue: { input: unknown }) => relatedPairIssue(asPair(issue.input))?.message ?? 'Choose the record this is about.' }
const reminderCheck = { path: ['remindAt'], when: whenObject, message: 'Set the reminder at or before the due time.' }
const asPair = (input: unknown) => (typeof input === 'object' && input !== null ? (input as { relatedType?: RelatedType | null; relatedId?: string | null }) : {})
const pairFits = (v: unknown) => relatedPairIssue(asPair(v)) === null
const reminderFits = (v: { dueAt?: string | null; remindAt?: string | null }) => reminderIssue(validInstant(v.dueAt), validInstant(v.remindAt)) === null
const validInstant = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null)

export const TaskInput = TaskObject.refine(pairFits, pairCheck).refine(reminderFits, reminderCheck)
export type TaskInput = z.infer<typeof TaskInput>

// A PATCH names only what changes. The reminder check is repeated on the merged task, since
// either time may come from the stored row.
export const TaskPatch = TaskObject.partial().strict().refine(pairFits, pairCheck).refine(reminderFits, reminderCheck)
export type TaskPatch = z.infer<typeof TaskPatch>

// The fields whose changes the timeline records, with the labels it shows.
export const TASK_FIELD_LABELS = {
  title: 'Title',
  type: 'Type',
  description: 'Description',
  dueAt: 'Due',
  remindAt: 'Reminder',
  assigneeId: 'Assignee',
  accountId: 'Account',
  contactId: 'Contact',
  leadId: 'Lead',
  opportunityId: 'Opportunity',
  completedAt: 'Completed',
} as const
export const TASK_FIELDS = ['title', 'type', 'description', 'dueAt', 'remindAt', 'assigneeId', 'accountId', 'contactId', 'leadId', 'opportunityId'] as const

export const TASK_TYPE_LABELS: Record<(typeof TASK_TYPES)[number], string> = { call: 'Call', email: 'Email', meeting: 'Meeting', todo: 'To-do' }

export const TASK_STATUSES = ['open', 'done', 'all'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]
export const TASK_SORTS = ['due', 'created'] as const

const day = z.iso.date('Use a date as YYYY-MM-DD.').optional()

// The task list's query string, in the UI and the API. assigneeId=me is the signed-in person.
export const TaskListQuery = z
  .object({
    assigneeId: z.union([z.literal('me'), z.uuid('Choose a valid assignee.')]).optional(),
    status: z.enum(TASK_STATUSES, 'Choose open, done or all.').optional(),
    dueFrom: day,
    dueTo: day,
    relatedType: z.enum(RELATED_TYPES).optional(),
    relatedId: z.uuid('Choose a valid record.').optional(),
    filter: filterParam(),
    sort: z.enum(TASK_SORTS).optional(),
    cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = relatedPairIssue(v)
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message })
  })
export type TaskListQuery = z.infer<typeof TaskListQuery>

// The JSON shape of a task.
export const TaskOutput = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(TASK_TYPES),
  description: z.string().nullable(),
  dueAt: z.string().nullable(),
  remindAt: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  relatedType: z.enum(RELATED_TYPES).nullable(),
  relatedId: z.string().nullable(),
  relatedName: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
})
