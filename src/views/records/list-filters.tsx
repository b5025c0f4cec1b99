import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { ListFilters } from '../../domain/records/list-query'
import type { Option } from '../components/select-field'

export type FilterOptions = {
  members: { id: string; name: string }[]
  tags: { id: string; name: string }[]
  statuses: Option[]
  sorts: Option[]
  showOwner: boolean
  contacted: boolean
}

// The saved view the list shows and a filter document from the URL are not inputs of the bar:
// they ride along, so changing a filter narrows the view instead of leaving it.
export function KeepHidden({ view, filter }: { view?: string; filter?: string }) {
  return (
    <>
      {view ? <input type="hidden" name="view" value={view} /> : null}
      {filter ? <input type="hidden" name="filter" value={filter} /> : null}
    </>
  )
}

// The filter bar of every record list: a plain GET form, so the URL holds the filters and a list
// can be bookmarked. htmx swaps just the results and pushes the URL; without JS it reloads.
// `children` are an entity's own filters (an opportunity's stage and close dates), placed before
// the sort controls.
export function ListFiltersBar({ action, filters, options, children }: { action: string; filters: ListFilters; options: FilterOptions; children?: Child }) {
  // Explicit for/id labels: a label wrapping a <select> would take its options into its name.
  const sel = (name: string, label: string, value: string | undefined, opts: Option[], any = 'Any') => (
    <div class="filter">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{any}</option>
        {opts.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
  const day = (name: keyof ListFilters, label: string) => (
    <div class="filter">
      <label for={`filter-${name}`}>{label}</label>
      <input id={`filter-${name}`} type="date" name={name} value={String(filters[name] ?? '')} />
    </div>
  )
  return (
    <form class="filters" method="get" action={action} role="search" hx-get={action} hx-target="#record-list" hx-swap="outerHTML" hx-push-url="true" hx-trigger="change, submit">
      {options.showOwner ? sel('owner', 'Owner', filters.owner, [{ value: 'me', label: 'Me' }, { value: 'none', label: 'Nobody' }, ...options.members.map((m) => ({ value: m.id, label: m.name }))]) : null}
      {sel('status', 'Status', filters.status, options.statuses)}
      {options.tags.length ? sel('tag', 'Tag', filters.tag, options.tags.map((t) => ({ value: t.id, label: t.name }))) : null}
      {day('createdFrom', 'Created from')}
      {day('createdTo', 'Created to')}
      {options.contacted ? day('contactedFrom', 'Contacted from') : null}
      {options.contacted ? day('contactedTo', 'Contacted to') : null}
      {children}
      <KeepHidden view={filters.view} filter={filters.filter} />
      {sel('sort', 'Sort by', filters.sort, options.sorts, 'Default')}
      {sel('dir', 'Order', filters.dir, [{ value: 'asc', label: 'Ascending' }, { value: 'desc', label: 'Descending' }], 'Default')}
      <button type="submit" class="secondary">
        Apply
      </button>
      <a href={action} class="filter-reset">
        Clear
      </a>
    </form>
  )
}
