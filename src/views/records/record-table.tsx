import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import { COUNT_CAP_LABEL } from './count'

export type Column<Row> = { label: string; cell: (row: Row) => Child; sortKey?: string }

export type TableProps<Row> = {
  rows: Row[]
  columns: Column<Row>[]
  count: number
  nextUrl: string | null
  firstUrl: string | null
  sortUrl: (key: string) => string
  emptyText: Child
  bulk?: { action: string; controls: Child }
  noun: string
  // Actions on the whole result (Export CSV), beside the count while there are rows.
  tools?: Child
}

// The results region of a list page (#record-list): count, rows with selection checkboxes,
// bulk actions and keyset paging. The list page includes it; filter and paging requests return
// just this, so the markup has one source.
export function RecordTable<Row extends { id: string }>(p: TableProps<Row>) {
  return (
    <section id="record-list" aria-live="polite">
      <div class="list-head">
        <p class="list-count">{countText(p.count, p.noun)}</p>
        {p.rows.length ? p.tools : null}
      </div>
      {p.rows.length === 0 ? (
        <p class="empty">{p.emptyText}</p>
      ) : (
        <form method="post" action={p.bulk?.action} id="bulk-form" class="bulk-form">
          {p.bulk?.controls}
          <table>
            <thead>
              <tr>
                {p.bulk ? (
                  <th scope="col">
                    <span class="visually-hidden">Select</span>
                  </th>
                ) : null}
                {p.columns.map((c) => (
                  <th scope="col">{c.sortKey ? <a href={p.sortUrl(c.sortKey)}>{c.label}</a> : c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((row) => (
                <tr>
                  {p.bulk ? (
                    <td>
                      <input type="checkbox" name="ids" value={row.id} aria-label="Select row" form="bulk-form" />
                    </td>
                  ) : null}
                  {p.columns.map((c) => (
                    <td>{c.cell(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </form>
      )}
      <nav class="pager" aria-label="Pages">
        {p.firstUrl ? (
          <a href={p.firstUrl} hx-get={p.firstUrl} hx-target="#record-list" hx-swap="outerHTML" hx-push-url="true">
            ← First page
          </a>
        ) : null}
        {p.nextUrl ? (
          <a href={p.nextUrl} hx-get={p.nextUrl} hx-target="#record-list" hx-swap="outerHTML" hx-push-url="true" rel="next">
            Next page →
          </a>
        ) : null}
      </nav>
    </section>
  )
}

function countText(n: number, noun: string) {
  if (n > COUNT_CAP_LABEL.cap) return `${COUNT_CAP_LABEL.label} ${noun}s`
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}
