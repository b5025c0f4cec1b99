import { ACCOUNT_SIZES, ACCOUNT_STATUSES, CONTACT_STATUSES, LEAD_STATUSES, OPPORTUNITY_STATUSES, TASK_TYPES } from '../records/vocab'

// What a saved view can filter on: for each list, its fields, each with a type that decides which
// operators apply. The compiler (src/db/queries/views/compile.ts) maps exactly these names to
// columns, so a name that is not here can never reach SQL.

export const VIEW_ENTITIES = ['accounts', 'contacts', 'leads', 'opportunities', 'tasks'] as const
export type ViewEntity = (typeof VIEW_ENTITIES)[number]

export const ENTITY_LABELS: Record<ViewEntity, string> = { accounts: 'Accounts', contacts: 'Contacts', leads: 'Leads', opportunities: 'Deals', tasks: 'Tasks' }

export const OPS = ['equals', 'in', 'contains', 'before', 'after', 'withinLastDays', 'inPeriod', 'greaterThan', 'lessThan', 'empty', 'notEmpty'] as const
export type Op = (typeof OPS)[number]

// Calendar periods in UTC, like the lists' date filters: "closing this quarter".
export const PERIODS = ['today', 'thisWeek', 'thisMonth', 'thisQuarter', 'thisYear', 'lastWeek', 'lastMonth', 'lastQuarter', 'nextWeek', 'nextMonth', 'nextQuarter'] as const
export type Period = (typeof PERIODS)[number]

// owner: a member's id or "me" (whoever looks at the view); ref: another record's id; tag: a
// tag's id (ids survive renames); boolean: a fact about related records.
export type FieldType = 'text' | 'enum' | 'date' | 'number' | 'owner' | 'ref' | 'tag' | 'boolean'

const OPS_BY_TYPE: Record<FieldType, readonly Op[]> = {
  text: ['equals', 'in', 'contains', 'empty', 'notEmpty'],
  enum: ['equals', 'in', 'empty', 'notEmpty'],
  date: ['before', 'after', 'withinLastDays', 'inPeriod', 'empty', 'notEmpty'],
  number: ['equals', 'greaterThan', 'lessThan', 'empty', 'notEmpty'],
  owner: ['equals', 'in', 'empty', 'notEmpty'],
  ref: ['equals', 'in', 'empty', 'notEmpty'],
  tag: ['equals', 'in', 'empty', 'notEmpty'],
  boolean: ['equals'],
}

// required: the value is never missing, so empty/notEmpty would be meaningless. amounts: only
// roles that may see deal amounts may filter on it (a filter would reveal them).
export type FieldDef = { label: string; type: FieldType; values?: readonly string[]; required?: true; amounts?: true }

const text = (label: string, required?: true): FieldDef => ({ label, type: 'text', required })
const choice = (label: string, values: readonly string[], required?: true): FieldDef => ({ label, type: 'enum', values, required })
const date = (label: string, required?: true): FieldDef => ({ label, type: 'date', required })
const ref = (label: string, required?: true): FieldDef => ({ label, type: 'ref', required })

const OWNER: FieldDef = { label: 'Owner', type: 'owner' }
const TAGS: FieldDef = { label: 'Tags', type: 'tag' }
const CREATED = date('Created', true)
// Logging a call, email or meeting moves the record's last_contacted_at (a contact's also moves
// its account's), so it is the record's last activity.
const LAST_ACTIVITY = date('Last activity')
const HAS_OPEN_DEAL: FieldDef = { label: 'Has an open deal', type: 'boolean' }
const ACCOUNT_INDUSTRY = text("Account's industry")
const ACCOUNT_STATUS = choice("Account's status", ACCOUNT_STATUSES)

export const CATALOGUE: Record<ViewEntity, Record<string, FieldDef>> = {
  accounts: {
    name: text('Name', true),
    domain: text('Domain'),
    industry: text('Industry'),
    size: choice('Size', ACCOUNT_SIZES),
    status: choice('Status', ACCOUNT_STATUSES, true),
    owner: OWNER,
    tags: TAGS,
    createdAt: CREATED,
    lastActivityAt: LAST_ACTIVITY,
    hasOpenOpportunity: HAS_OPEN_DEAL,
  },
  contacts: {
    firstName: text('First name'),
    lastName: text('Last name'),
    email: text('Email'),
    title: text('Title'),
    status: choice('Status', CONTACT_STATUSES, true),
    owner: OWNER,
    tags: TAGS,
    createdAt: CREATED,
    lastActivityAt: LAST_ACTIVITY,
    account: ref('Account'),
    'account.industry': ACCOUNT_INDUSTRY,
    'account.status': ACCOUNT_STATUS,
    hasOpenOpportunity: HAS_OPEN_DEAL,
  },
  leads: {
    firstName: text('First name'),
    lastName: text('Last name'),
    email: text('Email'),
    companyName: text('Company'),
    industry: text('Industry'),
    country: text('Country'),
    source: text('Source'),
    status: choice('Status', LEAD_STATUSES, true),
    score: { label: 'Score', type: 'number', required: true },
    owner: OWNER,
    tags: TAGS,
    createdAt: CREATED,
    lastActivityAt: LAST_ACTIVITY,
  },
  opportunities: {
    name: text('Name', true),
    amount: { label: 'Amount', type: 'number', amounts: true },
    status: choice('Status', OPPORTUNITY_STATUSES, true),
    stage: ref('Stage', true),
    pipeline: ref('Pipeline', true),
    probability: { label: 'Probability', type: 'number', required: true },
    closeDate: date('Close date'),
    owner: OWNER,
    tags: TAGS,
    createdAt: CREATED,
    lastActivityAt: LAST_ACTIVITY,
    account: ref('Account'),
    contact: ref('Contact'),
    'account.industry': ACCOUNT_INDUSTRY,
    'account.status': ACCOUNT_STATUS,
  },
  tasks: {
    title: text('Title', true),
    type: choice('Type', TASK_TYPES, true),
    assignee: { label: 'Assigned to', type: 'owner' },
    dueAt: date('Due'),
    completedAt: date('Completed'),
    createdAt: CREATED,
    account: ref('Account'),
    contact: ref('Contact'),
    lead: ref('Lead'),
    opportunity: ref('Deal'),
  },
}

export const fieldOf = (entity: ViewEntity, name: string): FieldDef | undefined => (Object.hasOwn(CATALOGUE[entity], name) ? CATALOGUE[entity][name] : undefined)

export const opsFor = (field: FieldDef): readonly Op[] => (field.required ? OPS_BY_TYPE[field.type].filter((op) => op !== 'empty' && op !== 'notEmpty') : OPS_BY_TYPE[field.type])
