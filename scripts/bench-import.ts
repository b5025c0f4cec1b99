// `npm run bench:import [rows...]`: CSV import throughput end to end through the production path:
// a HubSpot-style contacts export (written to a temp dir as a stream) is uploaded to one local
// worker (wrangler dev, its real queue) with POST /api/v1/imports, and GET /api/v1/imports/{id}
// is polled until the run completes, on a scratch database on the PostgreSQL server
// (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) or, with
// BACKEND=pglite, on the embedded one. Prints rows per second, the time taken and workerd's peak
// memory (its resident set, sampled); asserts nothing. Default sizes: 100000 and 1000000 rows; a
// size given more than once is run again (new people each time) and summed up as median, min, max.
import { createWriteStream, mkdtempSync, openAsBlob, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { migrateServer } from '../tools/db/migrate.ts'
import { openMigratedBackend } from '../tools/dev/local-database.ts'
import { freePort } from '../tools/dev/free-port.ts'
import { DEMO_PASSWORD, DEMO_USERS } from '../tools/dev/seed-demo.ts'
import { startDevStack } from '../tools/dev/stack.ts'
import { createPgBackend } from '../tools/neon-local/pg-backend.ts'
import { createServerTestDatabase } from '../tools/neon-local/test-database.ts'

// The scratch database starts empty and the local server runs with autovacuum off, so the tables
// an import fills keep the statistics of empty tables, and the planner can take a worse index for
// each row's lookup (record_external_ids by record instead of by external id: a 100k-row import
// then runs at half the speed, and slows as it goes). A production database has statistics from
// its history and autovacuum; ANALYZE_SECONDS (default 10, 0 for never) stands in for them.
const ANALYZE_SECONDS = Number(process.env.ANALYZE_SECONDS ?? 10)
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0)
const ROWS = SIZES.length ? SIZES : [100_000, 1_000_000]
const POLL_MS = 500

// The columns of a HubSpot contacts export that a CRM move carries (Record ID becomes the
// external id, so importing the next export updates these records); kept lean so that a million
// rows stay under the 100 MB upload limit.
const HEADER = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Job Title', 'Company Name']
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Niklaus']
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen', 'Wirth']
const TITLES = ['Engineer', 'CTO', 'Buyer', 'Analyst', 'VP Sales', '']
// Exchanges a real New York number can have (libphonenumber checks).
const EXCHANGES = ['234', '555', '868', '377', '742']

// People `from` to `from + rows`: each file of a run has people of its own, so that every run
// inserts, as the first import of a CRM's contacts does.
async function writeCsv(file: string, from: number, rows: number): Promise<number> {
  const out = createWriteStream(file)
  out.write(`${HEADER.join(',')}\r\n`)
  for (let i = from; i < from + rows; i++) {
    const first = FIRST[i % FIRST.length]
    const last = LAST[(i >> 3) % LAST.length]
    const line = `${5_000_000 + i},${first},${last},${first?.toLowerCase()}.${i}@co${i % 5000}.example,+1 212 ${EXCHANGES[i % EXCHANGES.length]} ${String(i % 10_000).padStart(4, '0')},${TITLES[i % TITLES.length]},Company ${i % 5000}\r\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return statSync(file).size
}

// workerd's pid: wrangler dev runs in its own process group (tools/dev/wrangler-dev.ts), found by
// the port on its command line; workerd is the member of that group named so.
function workerdPid(port: number): number {
  const procs = readdirSync('/proc').filter((p) => /^\d+$/.test(p))
  const read = (pid: string, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8')
    } catch {
      return ''
    }
  }
  const wrangler = procs.find((pid) => read(pid, 'cmdline').split('\0').join(' ').includes(`dev --ip 127.0.0.1 --port ${port} `))
  const group = (pid: string) => read(pid, 'stat').split(') ')[1]?.split(' ')[2]
  const workerd = procs.find((pid) => read(pid, 'comm').trim() === 'workerd' && group(pid) === wrangler)
  if (!wrangler || !workerd) throw new Error(`no workerd found for port ${port}`)
  return Number(workerd)
}

// 0 once the process is gone (wrangler dev restarts workerd when it crashes).
const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}

async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('ANALYZE')
  await client.end()
}

type ImportJson = { id: string; status: string; error: string | null; mapping: Record<string, string>; totals: { rows: number; inserted: number; updated: number; skipped: number; rejected: number }; startedAt: string | null; finishedAt: string | null }

const dir = mkdtempSync(join(tmpdir(), 'crm-bench-import-'))
const onServer = process.env.BACKEND !== 'pglite'
const database = onServer ? await createServerTestDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : null
if (database) await migrateServer(database.url)
const backend = database ? createPgBackend(database.url) : await openMigratedBackend({ kind: 'embedded', dataDir: join(dir, 'db') })
const port = await freePort()
const stack = await startDevStack({ port, backend, persistTo: join(dir, 'wrangler'), seedDemo: true, quiet: true })

try {
  const admin = DEMO_USERS[0]
  if (!admin) throw new Error('no demo user')
  const login = await fetch(`${stack.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: stack.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: admin.email, password: DEMO_PASSWORD }) })
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  if (!cookie) throw new Error(`login failed: ${login.status}`)
  const pid = workerdPid(port)
  console.log(`CSV import on ${backend.kind}, one wrangler dev worker (workerd pid ${pid}, ${rssMb(pid).toFixed(0)} MB resident at rest)${database ? `; ANALYZE every ${ANALYZE_SECONDS || '(never)'} s` : ''}`)

  const rates = new Map<number, number[]>()
  let people = 0
  for (const rows of ROWS) {
    const file = join(dir, `hubspot-contacts-${rows}.csv`)
    const bytes = await writeCsv(file, people, rows)
    people += rows
    let peak = rssMb(pid)
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200)
    const started = performance.now()
    const form = new FormData()
    form.append('entity', 'contacts')
    form.append('matchKey', 'external_id')
    // File-backed: the upload streams from disk, as a browser's would.
    form.append('file', await openAsBlob(file, { type: 'text/csv' }), `hubspot-contacts-${rows}.csv`)
    const res = await fetch(`${stack.url}/api/v1/imports`, { method: 'POST', headers: { Cookie: cookie, Origin: stack.url }, body: form })
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`)
    const uploaded = performance.now()
    let found = (await res.json()) as ImportJson
    let analyzedAt = performance.now()
    while (!['completed', 'failed', 'checked'].includes(found.status)) {
      await new Promise((r) => setTimeout(r, POLL_MS))
      if (database && ANALYZE_SECONDS > 0 && performance.now() - analyzedAt > ANALYZE_SECONDS * 1000) {
        await analyze(database.url)
        analyzedAt = performance.now()
      }
      found = (await (await fetch(`${stack.url}/api/v1/imports/${found.id}`, { headers: { Cookie: cookie } })).json()) as ImportJson
    }
    const finished = performance.now()
    clearInterval(sampler)
    const seconds = (finished - started) / 1000
    const runSeconds = found.startedAt && found.finishedAt ? (Date.parse(found.finishedAt) - Date.parse(found.startedAt)) / 1000 : NaN
    console.log(`\nmapping ${JSON.stringify(found.mapping)}`)
    console.log(`${rows.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB: ${found.status}${found.error ? ` (${found.error})` : ''}, totals ${JSON.stringify(found.totals)}`)
    rates.set(rows, [...(rates.get(rows) ?? []), rows / seconds])
    console.log(`  end to end ${seconds.toFixed(1)} s (upload ${((uploaded - started) / 1000).toFixed(1)} s): ${(rows / seconds).toFixed(0)} rows/s`)
    console.log(`  the run alone (first claim to finish) ${runSeconds.toFixed(1)} s: ${(rows / runSeconds).toFixed(0)} rows/s`)
    console.log(`  workerd peak resident memory ${peak.toFixed(0)} MB`)
    if (found.totals.rejected) {
      const errors = await (await fetch(`${stack.url}/api/v1/imports/${found.id}/errors`, { headers: { Cookie: cookie } })).text()
      console.log(`  rejected, e.g.: ${errors.split('\r\n').slice(0, 2).join(' | ')}`)
    }
    rmSync(file)
  }
  for (const [rows, runs] of rates) {
    if (runs.length < 2) continue
    const sorted = runs.sort((a, b) => a - b)
    console.log(`\n${rows.toLocaleString('en')} rows, ${runs.length} runs: median ${sorted[Math.floor(runs.length / 2)]?.toFixed(0)} rows/s end to end (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)})`)
  }
} finally {
  await stack.stop()
  await backend.close()
  await database?.drop()
  rmSync(dir, { recursive: true, force: true })
}
