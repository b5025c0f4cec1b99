import { can } from '../../domain/access/permissions'
import { filterQueryString, type ListFilters } from '../../domain/records/list-query'
import { seesOnlyOwn, type Viewer } from '../../domain/records/viewer'

export type ListLinks = { self: string; first: string | null; next: string | null; sort: (key: string) => string; filtered: boolean }

// Every link a list page renders keeps the current filters, so paging and sorting never lose them.
export function listLinks(base: string, f: ListFilters, nextCursor: string | null): ListLinks {
  const qs = (extra: Record<string, string> = {}, filters: Partial<ListFilters> = f) => {
    const q = filterQueryString(filters, extra)
    return q ? `${base}?${q}` : base
  }
  const { sort: _s, dir: _d, ...unsorted } = f
  return {
    self: qs(f.cursor ? { cursor: f.cursor } : {}),
    first: f.cursor ? qs() : null,
    next: nextCursor ? qs({ cursor: nextCursor }) : null,
    sort: (key) => qs({ sort: key, dir: f.sort === key && f.dir !== 'desc' ? 'desc' : 'asc' }, unsorted),
    // Any filter at all, including an entity's own (a lead's source, a contact's account).
    filtered: Object.entries(f).some(([k, v]) => !['sort', 'dir', 'cursor', 'limit'].includes(k) && v !== undefined && v !== ''),
  }
}

export type ListContext = {
  members: { id: string; name: string }[]
  tags: { id: string; name: string }[]
  canCreate: boolean
  canAssign: boolean
  canArchive: boolean
  showOwnerFilter: boolean
}

export const listContext = (viewer: Viewer, members: ListContext['members'], tags: ListContext['tags']): ListContext => ({
  members,
  tags,
  canCreate: can(viewer.role, 'records.create'),
  canAssign: can(viewer.role, 'records.assign'),
  canArchive: can(viewer.role, 'records.archive'),
  showOwnerFilter: !seesOnlyOwn(viewer),
})
