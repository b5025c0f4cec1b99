// CSV text for exports: RFC 4180 quoting (a field with a comma, quote or line break is quoted,
// quotes doubled), the formula guard, CRLF line ends (RFC 4180's) and the byte order mark.

// A cell as an export column yields it: text (names, emails, ISO dates), a number we computed
// (amounts, scores), or nothing.
export type Cell = string | number | null

// Excel opens a CSV without a BOM in the machine's legacy code page, so "Zoë" would come out as
// "ZoÃ«"; with U+FEFF first it reads UTF-8. Other tools (Sheets, Numbers, pandas, csv parsers
// with a BOM option) skip it.
export const BOM = '\uFEFF'

// A spreadsheet runs a cell that starts with = + - or @ as a formula (and TAB, CR or NUL can hide
// such a start), so a record named `=HYPERLINK("http://evil","Click")` would become a live link
// in whoever opens the export. A leading apostrophe makes it text (OWASP's "CSV injection"
// advice). A phone number typed as "+1 415…" gets one too: some tools show the apostrophe, which
// is the price of never running what someone typed.
const FORMULA_START = /^[=+\-@\t\r\0]/

export const safeText = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value)

// Numbers come from our own numeric columns, never from what someone typed, so a negative score
// stays a number rather than gaining an apostrophe.
const cellText = (cell: Cell): string => (cell === null ? '' : typeof cell === 'number' ? String(cell) : safeText(cell))

const NEEDS_QUOTES = /[",\n\r]/

const field = (text: string): string => (NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text)

export const csvLine = (cells: Cell[]): string => `${cells.map((cell) => field(cellText(cell))).join(',')}\r\n`

// "contacts-2026-05-01.csv", or with the view's name: "contacts-my-open-leads-2026-05-01.csv".
// ASCII only, so the Content-Disposition header needs no encoding.
export function exportFilename(entity: string, viewName: string | undefined, at: Date): string {
  const slug = (viewName ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${[entity, slug, at.toISOString().slice(0, 10)].filter(Boolean).join('-')}.csv`
}

// Rows per query while streaming: big enough that a 50,000-row export is 50 round trips, small
// enough that one chunk of rows and its CSV text stay a few hundred KB.
export const EXPORT_CHUNK_ROWS = 1000

// Above this many rows an export is prepared by a job and emailed as a link, rather than streamed
// to a browser that would wait minutes on one request.
export const EXPORT_JOB_ROWS = 50_000

// How long the emailed link of a prepared export works.
export const EXPORT_LINK_DAYS = 7
