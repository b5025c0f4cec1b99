import { jsx } from '../jsx'

// Keyset paging by plain links, for lists short enough to need no htmx region: back to the first
// page, and on to the next while there is one.
export function Pager({ first, next, label = 'Pages' }: { first: string | null; next: string | null; label?: string }) {
  return (
    <nav class="pager" aria-label={label}>
      {first ? <a href={first}>← First page</a> : null}
      {next ? (
        <a href={next} rel="next">
          Next page →
        </a>
      ) : null}
    </nav>
  )
}
