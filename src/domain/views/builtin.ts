import { OPEN_LEAD_STATUSES } from '../records/vocab'
import type { ViewEntity } from './catalogue'
import type { FilterNode } from './filter'

// The views every workspace starts with, from the questions reps and managers ask every day.
// They are workspace views like any other: managers and admins can rename them or change their
// filters (the high-value threshold is a number in the filter), and admins can lock them.

export const HIGH_VALUE_THRESHOLD = 50_000
export const INACTIVE_DAYS = 30

export type BuiltinView = { builtinKey: string; entity: ViewEntity; name: string; filter: FilterNode; sort: string | null }

export const BUILTIN_VIEWS: BuiltinView[] = [
  {
    builtinKey: 'my-open-leads',
    entity: 'leads',
    name: 'My open leads',
    // "me" is whoever opens the view, so one shared view serves every rep.
    filter: { and: [{ field: 'owner', op: 'equals', value: 'me' }, { field: 'status', op: 'in', value: [...OPEN_LEAD_STATUSES] }] },
    sort: null,
  },
  {
    builtinKey: 'inactive-customers',
    entity: 'accounts',
    name: 'Inactive customers',
    // Never contacted counts as inactive too: the NOT keeps accounts with no last activity.
    filter: { and: [{ field: 'status', op: 'equals', value: 'customer' }, { not: { field: 'lastActivityAt', op: 'withinLastDays', value: INACTIVE_DAYS } }] },
    sort: 'lastContacted:asc',
  },
  {
    builtinKey: 'high-value-closing-this-quarter',
    entity: 'opportunities',
    name: 'High-value deals closing this quarter',
    filter: {
      and: [
        { field: 'status', op: 'equals', value: 'open' },
        { field: 'amount', op: 'greaterThan', value: HIGH_VALUE_THRESHOLD },
        { field: 'closeDate', op: 'inPeriod', value: 'thisQuarter' },
      ],
    },
    sort: 'closeDate:asc',
  },
]
