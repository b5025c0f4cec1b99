// The fixed vocabularies of core records. The database CHECK constraints, the zod schemas and the
// form selects are all built from these lists, so adding a value is a one-line change here plus a
// generated migration.
export const ACCOUNT_STATUSES = ['prospect', 'customer', 'churned'] as const
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number]

export const ACCOUNT_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const

// A contact's lifecycle, from first touch to former customer.
export const CONTACT_STATUSES = ['subscriber', 'prospect', 'customer', 'churned'] as const
export type ContactStatus = (typeof CONTACT_STATUSES)[number]

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const
export type LeadStatus = (typeof LEAD_STATUSES)[number]
// Leads a rep still has to work: everything not yet settled.
export const OPEN_LEAD_STATUSES = ['new', 'contacted', 'qualified'] as const satisfies readonly LeadStatus[]

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number]

export const TASK_TYPES = ['call', 'email', 'meeting', 'todo'] as const
export type TaskType = (typeof TASK_TYPES)[number]

export const ACTIVITY_TYPES = ['call', 'email', 'meeting'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

// What came of a logged activity; which outcomes fit which type is checked in the zod schema.
export const ACTIVITY_OUTCOMES = {
  call: ['connected', 'left_voicemail', 'no_answer', 'wrong_number'],
  email: ['sent', 'replied', 'bounced'],
  meeting: ['held', 'no_show', 'rescheduled'],
} as const satisfies Record<ActivityType, readonly string[]>
export const ALL_ACTIVITY_OUTCOMES = [...new Set(Object.values(ACTIVITY_OUTCOMES).flat())]

// Whether reps see every record of the workspace or only those they own (a workspace setting).
export const RECORD_VISIBILITY = ['all', 'own'] as const
export type RecordVisibility = (typeof RECORD_VISIBILITY)[number]

// The records that notes, activities, tasks and tags can hang off.
export const RELATED_TYPES = ['account', 'contact', 'lead', 'opportunity'] as const
export type RelatedType = (typeof RELATED_TYPES)[number]

export const TAG_COLOURS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const
export type TagColour = (typeof TAG_COLOURS)[number]
