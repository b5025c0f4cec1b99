import { jsx } from '../jsx'
// The header's search box. Without JavaScript it is a GET form to the results page. With htmx it
// is active search: 200 ms after the typing stops (and only if the value changed) it fetches the
// /search fragment into the dropdown; hx-sync="replace" aborts a request still in flight, so the
// dropdown always answers the latest text (htmx 4's default would queue one and drop the rest).
// ↑/↓/Enter/Escape are handled in public/js/app.js.
export function SearchBox() {
  return (
    <form class="header-search" method="get" action="/search" role="search">
      <label for="header-search-input" class="visually-hidden">
        Search records
      </label>
      <input
        id="header-search-input"
        type="search"
        name="q"
        placeholder="Search…"
        maxlength={200}
        autocomplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded="false"
        aria-controls="header-search-results"
        hx-get="/search"
        hx-trigger="input changed delay:200ms"
        hx-target="#header-search-results"
        hx-swap="innerHTML"
        hx-sync="replace"
      />
      <div id="header-search-results" class="search-dropdown"></div>
    </form>
  )
}
