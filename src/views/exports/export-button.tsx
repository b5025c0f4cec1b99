import { jsx } from '../jsx'
import { can } from '../../domain/access/permissions'
import type { Role } from '../../domain/access/roles'
import { filterQueryString, type ListFilters } from '../../domain/records/list-query'

// "Export CSV" above a list: a POST (an export writes an audit event, and GET never changes
// anything) of the list's filters, sort and view as hidden inputs, so the file holds what the
// list shows. A plain form, not htmx: the browser saves the response as a download. It sits in
// the results region, which every filter change re-renders, so its inputs are always current.
// Roles that may not export (support) see no button.
export function ExportButton({ entity, filters, role }: { entity: string; filters: Partial<ListFilters>; role: Role }) {
  if (!can(role, 'records.export')) return null
  return (
    <form method="post" action={`/${entity}/export.csv`} class="inline-form export-form">
      {[...new URLSearchParams(filterQueryString(filters)).entries()].map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="secondary">
        Export CSV
      </button>
    </form>
  )
}
