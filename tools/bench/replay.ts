// The raw SQL time of a route: the statements one request ran, run again through `pg` on one
// connection (the same text, parameters and session settings the endpoint used), without HTTP,
// the worker or the endpoint in between. Writes (a session touch) are undone: every run is one
// transaction that rolls back.
import pg from 'pg'
import { percentile } from './load.ts'
import type { RoundTrip } from './capture.ts'

export type RawSql = { p50: number; p95: number; runs: number; statements: number; slowest: { ms: number; sql: string } }

// Text in, text out, as the endpoint's pg backend does; parsing values is not the database's time.
const TEXT: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value }

export async function openReplay(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC -c DateStyle=ISO,MDY' })
  await client.connect()
  return client
}

// At most `runs` timed runs, fewer when they overrun `budgetMs` (at least 3).
export async function replay(client: pg.Client, trips: RoundTrip[], runs: number, budgetMs = Infinity): Promise<RawSql> {
  const statements = trips.flat()
  const totals: number[] = []
  const perStatement = statements.map(() => [] as number[])
  // One untimed run first: plans and pages warm, as they are for the app after its warm-up.
  const deadline = performance.now() + budgetMs
  for (let run = -1; run < runs && (run < 3 || performance.now() < deadline); run++) {
    await client.query('BEGIN')
    let total = 0
    for (const [k, q] of statements.entries()) {
      const t0 = performance.now()
      await client.query({ text: q.query, values: q.params, rowMode: 'array', types: TEXT })
      const ms = performance.now() - t0
      total += ms
      if (run >= 0) perStatement[k]?.push(ms)
    }
    await client.query('ROLLBACK')
    if (run >= 0) totals.push(total)
  }
  const medians = perStatement.map((times) => percentile(times, 50))
  const worst = medians.reduce((w, ms, k) => (ms > (medians[w] ?? -1) ? k : w), 0)
  return {
    p50: percentile(totals, 50),
    p95: percentile(totals, 95),
    runs: totals.length,
    statements: statements.length,
    slowest: { ms: medians[worst] ?? 0, sql: statements[worst]?.query ?? '' },
  }
}
