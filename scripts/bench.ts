// `npm run bench`: the performance harness. Generates (or reuses) a database with a workspace of
// 1,000,000 contacts among other workspaces (BENCH_SCALE=0.01 for a quick run), runs the app the
// production way (wrangler dev, neon-http, the local endpoint, the PostgreSQL server), sends each
// route a fixed number of requests, and runs the SQL each route ran straight through `pg` for
// comparison. Prints a table with PASS/MISS against the targets (never fails on a MISS) and writes
// everything to bench-results/. See README, "Benchmarks", for the knobs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { capture } from '../tools/bench/capture.ts'
import { benchDatabaseUrl, prepareBenchDatabase } from '../tools/bench/database.ts'
import { drive, percentile } from '../tools/bench/load.ts'
import { BENCH_ADMIN_EMAIL, BENCH_PASSWORD, DEFAULT_SEED, totalEvents } from '../tools/bench/plan.ts'
import { openReplay, replay } from '../tools/bench/replay.ts'
import { deepPageVerdict, summaryTable, verdictsFor, type RouteResult } from '../tools/bench/report.ts'
import { resolveRoutes, syncBuiltinViews, type BenchRoute } from '../tools/bench/routes.ts'
import { freePort } from '../tools/dev/free-port.ts'
import { startDevStack } from '../tools/dev/stack.ts'
import { createPgBackend } from '../tools/neon-local/pg-backend.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`)
  return value
}
const scale = env('BENCH_SCALE', 1)
const seed = env('BENCH_SEED', DEFAULT_SEED)
const requests = Math.round(env('BENCH_REQUESTS', 200))
const concurrency = Math.round(env('BENCH_CONCURRENCY', 1))
const sqlRuns = Math.round(env('BENCH_SQL_RUNS', 30))
// Per route: the load run and the SQL replay stop early past these (a slow route at full scale).
const budgetMs = env('BENCH_ROUTE_SECONDS', 60) * 1000
const WARM_UP = 5

const started = new Date()
const loadBefore = loadavg()
const url = benchDatabaseUrl(scale)
console.log(`Benchmark database ${new URL(url).pathname.slice(1)} at BENCH_SCALE=${scale} (seed ${seed})`)
const db = await prepareBenchDatabase({ url, scale, seed, regenerate: process.env.BENCH_REGENERATE === '1', jobs: Math.round(env('BENCH_JOBS', 2)), log: console.log })
const main = db.plan.workspaces[0]
if (!main) throw new Error('no workspace planned')
console.log(`${db.generated ? 'Generated' : 'Reused (generated earlier)'} in ${db.seconds.toFixed(0)} s: ${Object.entries({ ...main.sizes, events: totalEvents(main.sizes) }).map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')}, plus ${db.plan.workspaces.length - 1} workspaces at 10%`)

const sql = await openReplay(url)
await syncBuiltinViews(sql, db.plan)
const { routes, deepPage } = await resolveRoutes(sql, db.plan)
const pgVersion = (await sql.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version

const inner = createPgBackend(url)
const counted = capture(inner)
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'))
const stack = await startDevStack({ port: await freePort(), backend: counted.backend, persistTo: join(dir, 'wrangler'), quiet: true })
const results: RouteResult[] = []
try {
  const login = await fetch(`${stack.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: stack.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: BENCH_ADMIN_EMAIL, password: BENCH_PASSWORD }) })
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  if (!cookie) throw new Error(`sign-in failed: HTTP ${login.status}`)
  console.log(`\n${requests} requests per route (fewer past ${budgetMs / 1000} s), ${concurrency} at a time, after ${WARM_UP} warm-up requests; SQL replayed ${sqlRuns} times per route.\n`)
  for (const route of routes) {
    const result = await measure(route, (r) => fetch(`${stack.url}${r.path}`, { headers: { Cookie: cookie, ...(r.fragment ? { 'HX-Request': 'true' } : {}) }, redirect: 'manual' }))
    results.push(result)
    console.log(result.available ? `  ${route.name}: ${result.requests} requests, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, SQL ${result.sql?.p50.toFixed(1)} ms, ${result.trips} round trips` : `  ${route.name}: not available (HTTP ${result.httpStatus})`)
  }
} finally {
  await stack.stop()
  await inner.close()
  await sql.end()
  rmSync(dir, { recursive: true, force: true })
}

const deep = deepPageVerdict(results.find((r) => r.key === 'first-page'), results.find((r) => r.key === 'deep-page'))
console.log(`\n${summaryTable(results, deep ? [deep] : [])}`)
const loadAfter = loadavg()
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadBefore, loadAfter, node: process.version, postgres: pgVersion }
console.log(`\nMachine: ${machine.cores} × ${machine.cpu}, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after; PostgreSQL ${pgVersion}.`)
const file = join(ROOT, 'bench-results', `bench-${scale}-${started.toISOString().replace(/[:.]/g, '-')}.json`)
mkdirSync(dirname(file), { recursive: true })
writeFileSync(file, JSON.stringify({ date: started.toISOString(), scale, seed, sizes: db.plan.workspaces.map((w) => ({ name: w.name, ...w.sizes, events: totalEvents(w.sizes) })), generatedSeconds: db.seconds, anchor: db.plan.anchor, requests, concurrency, sqlRuns, deepPage, machine, deepPageVerdict: deep, routes: results }, null, 2))
console.log(`Results: ${file}`)

// One route: warm up, record one request's statements and round trips, load it, replay its SQL.
async function measure(route: BenchRoute, get: (r: BenchRoute) => Promise<Response>): Promise<RouteResult> {
  for (let i = 0; i < WARM_UP; i++) await (await get(route)).arrayBuffer()
  const { result: probe, trips } = await counted.record(async () => {
    const res = await get(route)
    const body = await res.text()
    return { status: res.status, bytes: Buffer.byteLength(body), rows: rowsOf(res, body) }
  })
  const base = { ...route, httpStatus: probe.status, bytes: probe.bytes, rows: probe.rows, trips: trips.length, requests: 0, errors: 0, p50: 0, p95: 0, max: 0, perSecond: 0, tripsPerRequest: 0, dbMsPerRequest: 0, sql: null }
  if (probe.status !== 200) return { ...base, available: false, verdicts: [] }
  const [tripsBefore, dbBefore] = [counted.roundTrips(), counted.dbMs()]
  const load = await drive(() => get(route), requests, concurrency, budgetMs)
  const measured = {
    ...base,
    available: true,
    requests: load.latencies.length,
    errors: load.latencies.length - (load.statuses[200] ?? 0),
    p50: percentile(load.latencies, 50),
    p95: percentile(load.latencies, 95),
    max: Math.max(...load.latencies),
    perSecond: load.latencies.length / load.seconds,
    tripsPerRequest: (counted.roundTrips() - tripsBefore) / load.latencies.length,
    dbMsPerRequest: (counted.dbMs() - dbBefore) / load.latencies.length,
    sql: await replay(sql, trips, sqlRuns, budgetMs / 2),
  }
  return { ...measured, verdicts: verdictsFor(measured) }
}

// How many records a JSON list answered with (`data` array), to show a page was not empty.
function rowsOf(res: Response, body: string): number | null {
  if (!res.headers.get('Content-Type')?.includes('json')) return null
  const data: unknown = (JSON.parse(body) as { data?: unknown }).data
  return Array.isArray(data) ? data.length : null
}
