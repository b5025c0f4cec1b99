import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'

export const PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 200

const day = z.iso.date('Use a date as YYYY-MM-DD.').optional()

// A filter document as JSON (src/domain/views/filter.ts), checked against the list's fields by
// the list query; room for the largest document the language allows.
export const filterParam = () => z.string().max(16_000, 'The filter is too long.').optional()

// The query string of every record list, in the UI and the API: filters, sort and keyset cursor.
// Each entity passes its own sortable columns and statuses.
export function listQuery<Sort extends string, Status extends string>(sorts: readonly [Sort, ...Sort[]], statuses: readonly [Status, ...Status[]]) {
  return z
    .object({
      owner: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
      status: z.enum(statuses).optional(),
      tag: z.uuid('Choose a valid tag.').optional(),
      createdFrom: day,
      createdTo: day,
      contactedFrom: day,
      contactedTo: day,
      filter: filterParam(),
      sort: z.enum(sorts).optional(),
      dir: z.enum(['asc', 'desc']).optional(),
      cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE),
    })
    .strict()
}

export type ListFilters = {
  owner?: string
  status?: string
  tag?: string
  createdFrom?: string
  createdTo?: string
  contactedFrom?: string
  contactedTo?: string
  filter?: string
  // The saved view a list page shows (pages only; the API reads views at /views/:id/records).
  view?: string
  sort?: string
  dir?: 'asc' | 'desc'
  cursor?: string
  limit: number
}

// An HTML filter form submits every input, empty or not; an empty one means "no filter".
export function withoutBlanks(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== ''))
}

// The filters as a query string (without cursor), for bookmarkable URLs and "next page" links.
export function filterQueryString(filters: Partial<ListFilters>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(filters)) if (k !== 'cursor' && k !== 'limit' && v !== undefined && v !== '') params.set(k, String(v))
  for (const [k, v] of Object.entries(extra)) params.set(k, v)
  return params.toString()
}
