import type * as z from 'zod'
import { ACCOUNT_SORTS } from '../accounts/schemas'
import { ContactListQuery } from '../contacts/schemas'
import { LeadListQuery } from '../leads/schemas'
import { OpportunityListQuery } from '../opportunities/schemas'
import { listQuery } from '../records/list-query'
import { ACCOUNT_STATUSES, OPEN_LEAD_STATUSES } from '../records/vocab'
import { TaskListQuery } from '../tasks/schemas'
import type { ViewEntity } from './catalogue'
import { addDays } from './dates'
import type { FilterLeaf } from './filter'

// A list page's URL filters as conditions of the filter language, for "Save as view". The lists'
// date filters are inclusive days ("created from the 1st to the 31st"); the language's before and
// after exclude the day they name, hence the day either side.

type ListParams = Record<string, unknown>

// Each list's query string schema, as its page parses it.
export const LIST_QUERIES: Record<ViewEntity, z.ZodType<ListParams>> = {
  accounts: listQuery(ACCOUNT_SORTS, ACCOUNT_STATUSES),
  contacts: ContactListQuery,
  leads: LeadListQuery,
  opportunities: OpportunityListQuery,
  tasks: TaskListQuery,
}

const from = (field: string, day: string | undefined): FilterLeaf[] => (day ? [{ field, op: 'after', value: addDays(day, -1) }] : [])
const to = (field: string, day: string | undefined): FilterLeaf[] => (day ? [{ field, op: 'before', value: addDays(day, 1) }] : [])
const equals = (field: string, value: string | undefined): FilterLeaf[] => (value ? [{ field, op: 'equals', value }] : [])

function owner(field: string, value: string | undefined): FilterLeaf[] {
  if (!value) return []
  return [value === 'none' ? { field, op: 'empty' } : { field, op: 'equals', value }]
}

// A task's status is whether it is done; a lead's "open" is every status still to be worked.
function status(entity: ViewEntity, value: string | undefined): FilterLeaf[] {
  if (entity === 'tasks') return value === 'open' ? [{ field: 'completedAt', op: 'empty' }] : value === 'done' ? [{ field: 'completedAt', op: 'notEmpty' }] : []
  if (entity === 'leads' && value === 'open') return [{ field: 'status', op: 'in', value: [...OPEN_LEAD_STATUSES] }]
  return equals('status', value)
}

// The conditions of one list's URL filters (already validated by that list's query schema).
export function listConditions(entity: ViewEntity, p: ListParams): FilterLeaf[] {
  const v = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : undefined)
  const related = v('relatedType')
  return [
    ...owner('owner', v('owner')),
    ...status(entity, v('status')),
    ...equals('tags', v('tag')),
    ...from('createdAt', v('createdFrom')),
    ...to('createdAt', v('createdTo')),
    ...from('lastActivityAt', v('contactedFrom')),
    ...to('lastActivityAt', v('contactedTo')),
    ...equals('account', v('accountId')),
    ...equals('source', v('source')),
    ...equals('stage', v('stage')),
    ...equals('pipeline', v('pipeline')),
    ...from('closeDate', v('closeFrom')),
    ...to('closeDate', v('closeTo')),
    ...owner('assignee', v('assigneeId')),
    ...from('dueAt', v('dueFrom')),
    ...to('dueAt', v('dueTo')),
    ...(related ? equals(related, v('relatedId')) : []),
  ]
}
