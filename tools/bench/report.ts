// The benchmark's verdicts and its summary table. Targets are reported, never enforced: a MISS is a
// finding to explain, not a failed run.
import type { RawSql } from './replay.ts'
import type { BenchRoute } from './routes.ts'

export type Verdict = { target: string; pass: boolean; detail: string }

export type RouteResult = BenchRoute & {
  available: boolean
  httpStatus: number
  // From one recorded request: its response size, rows (API lists) and database round trips.
  bytes: number
  rows: number | null
  trips: number
  // From the load run.
  requests: number
  errors: number
  p50: number
  p95: number
  max: number
  perSecond: number
  tripsPerRequest: number
  // Time the endpoint's backend spent per request in the load run: the database's share of p50.
  dbMsPerRequest: number
  sql: RawSql | null
  verdicts: Verdict[]
}

export const MAX_TRIPS = 3
export const SEARCH_P95_MS = 50
export const DEEP_PAGE_SLACK = 0.2

const ms = (n: number) => `${n.toFixed(1)} ms`

// The targets one route is held to.
export function verdictsFor(r: Omit<RouteResult, 'verdicts'>): Verdict[] {
  const out: Verdict[] = []
  if (r.kind === 'search') out.push({ target: `p95 ≤ ${SEARCH_P95_MS} ms`, pass: r.p95 <= SEARCH_P95_MS, detail: `p95 ${ms(r.p95)}` })
  else if (r.sql) {
    const limit = 2 * r.sql.p50 + 15
    out.push({ target: 'p95 ≤ 2×SQL + 15 ms', pass: r.p95 <= limit, detail: `p95 ${ms(r.p95)} vs ${ms(limit)}` })
  }
  out.push({ target: `≤ ${MAX_TRIPS} round trips`, pass: r.trips <= MAX_TRIPS, detail: `${r.trips} round trips` })
  return out
}

// Page 1,000 must cost what page 1 does (keyset pagination): p50 within 20%.
export function deepPageVerdict(first: RouteResult | undefined, deep: RouteResult | undefined): Verdict | null {
  if (!first?.available || !deep?.available) return null
  const limit = first.p50 * (1 + DEEP_PAGE_SLACK)
  return { target: `${deep.name} p50 within ${DEEP_PAGE_SLACK * 100}% of page 1`, pass: deep.p50 <= limit, detail: `${ms(deep.p50)} vs page 1 ${ms(first.p50)} (limit ${ms(limit)})` }
}

// The recorded request's round trips, and the load run's average where it differs (a cache hit,
// a session touch).
const tripsText = (r: RouteResult) => (Math.abs(r.tripsPerRequest - r.trips) < 0.05 ? String(r.trips) : `${r.trips} (avg ${r.tripsPerRequest.toFixed(1)})`)

export function summaryTable(results: RouteResult[], extra: Verdict[]): string {
  const head = ['route', 'p50 ms', 'p95 ms', 'SQL ms', 'p50/SQL', 'in DB', 'trips', 'targets']
  const rows = results.map((r) =>
    r.available
      ? [r.name, r.p50.toFixed(1), r.p95.toFixed(1), r.sql ? r.sql.p50.toFixed(1) : '-', r.sql && r.sql.p50 > 0 ? `${(r.p50 / r.sql.p50).toFixed(1)}×` : '-', r.dbMsPerRequest.toFixed(1), tripsText(r), r.verdicts.map((v) => `${v.pass ? 'PASS' : 'MISS'} ${v.target}`).join('; ')]
      : [r.name, '-', '-', '-', '-', '-', '-', `not available (HTTP ${r.httpStatus})`],
  )
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => Math.min(60, row[k]?.length ?? 0))))
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 || k === cells.length - 1 ? c.slice(0, 60).padEnd(widths[k] ?? 0) : c.padStart(widths[k] ?? 0))).join('  ').trimEnd()
  const misses = results.flatMap((r) => r.verdicts.filter((v) => !v.pass).map((v) => `MISS ${r.name}: ${v.target} (${v.detail})`))
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...extra.map((v) => `${v.pass ? 'PASS' : 'MISS'} ${v.target}: ${v.detail}`),
    ...misses,
  ].join('\n')
}
