// `npm run bench:pages`: round trips to the database and response time of the main pages, on
// the seeded demo workspace, through the real stack (wrangler dev, neon-http, local endpoint).
// Prints figures; asserts nothing. Use DATABASE_URL=postgres://... to measure on a server.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveDbTarget } from '../tools/db/target.ts'
import { openMigratedBackend } from '../tools/dev/local-database.ts'
import { freePort } from '../tools/dev/free-port.ts'
import { DEMO_PASSWORD, DEMO_USERS } from '../tools/dev/seed-demo.ts'
import { startDevStack } from '../tools/dev/stack.ts'
import type { Backend } from '../tools/neon-local/types.ts'

const RUNS = Number(process.env.RUNS ?? 15)
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'))
const target = process.env.DATABASE_URL?.startsWith('postgres') ? resolveDbTarget() : { kind: 'embedded' as const, dataDir: join(dir, 'db') }

// Every SQL-over-HTTP request the worker makes is one round trip; count them at the endpoint.
let roundTrips = 0
const inner = await openMigratedBackend(target)
const counting: Backend = { kind: inner.kind, query: (q) => (roundTrips++, inner.query(q)), batch: (qs, o) => (roundTrips++, inner.batch(qs, o)), close: () => inner.close() }
const stack = await startDevStack({ port: await freePort(), backend: counting, persistTo: join(dir, 'wrangler'), seedDemo: true, quiet: true })

try {
  const email = DEMO_USERS[0]?.email ?? ''
  const login = await fetch(`${stack.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: stack.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password: DEMO_PASSWORD }) })
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  if (!cookie) throw new Error(`login failed: ${login.status}`)
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.url}${path}`, { headers: { Cookie: cookie, ...headers }, redirect: 'manual' })

  // One id of each kind from the lists, for the detail pages.
  const firstId = async (list: string, prefix: string) => new RegExp(`href="${prefix}/([0-9a-f-]{36})"`).exec(await (await get(list)).text())?.[1]
  const pages: [string, string, Record<string, string>?][] = [['Home', '/']]
  const lists = [
    ['Accounts', '/accounts', 'owner=me', 'account'],
    ['Contacts', '/contacts', 'owner=me', 'contact'],
    ['Leads', '/leads', 'owner=me&status=open', 'lead'],
    ['Opportunities', '/opportunities', 'owner=me', 'opportunity'],
    ['Tasks', '/tasks', 'assigneeId=me', null],
  ] as const
  for (const [label, list, filter, relatedType] of lists) {
    if ((await get(list)).status !== 200) continue
    pages.push([`${label} list`, list], [`${label} list, filtered`, `${list}?${filter}`])
    const id = await firstId(list, list)
    if (!id) continue
    pages.push([`${label} detail`, `${list}/${id}`], [`${label} history (lazy)`, `${list}/${id}/timeline`, { 'HX-Request': 'true' }])
    // The notes and activities panels of a record page load after it, like the history.
    if (relatedType) pages.push([`${label} notes (lazy)`, `/notes?relatedType=${relatedType}&relatedId=${id}`, { 'HX-Request': 'true' }], [`${label} activities (lazy)`, `/activities?relatedType=${relatedType}&relatedId=${id}`, { 'HX-Request': 'true' }])
  }
  for (const extra of ['/opportunities/board', '/my-work']) if ((await get(extra)).status === 200) pages.push([extra, extra])

  console.log(`Demo workspace on ${counting.kind}; ${RUNS} runs per page after one warm-up; times are wall-clock on this machine.\n`)
  console.log('page'.padEnd(34), 'status', 'round trips', '  median ms', '  min', '  max', '  KB')
  for (const [label, path, headers] of pages) {
    await get(path, headers)
    const times: number[] = []
    let trips = 0
    let status = 0
    let bytes = 0
    for (let i = 0; i < RUNS; i++) {
      const before = roundTrips
      const t0 = performance.now()
      const res = await get(path, headers)
      bytes = (await res.arrayBuffer()).byteLength
      times.push(performance.now() - t0)
      trips = roundTrips - before
      status = res.status
    }
    times.sort((x, y) => x - y)
    const median = times[Math.floor(times.length / 2)] ?? 0
    console.log(label.padEnd(34), String(status).padStart(6), String(trips).padStart(11), median.toFixed(1).padStart(11), (times[0] ?? 0).toFixed(1).padStart(5), (times[times.length - 1] ?? 0).toFixed(1).padStart(5), (bytes / 1024).toFixed(1).padStart(5))
  }
} finally {
  await stack.stop()
  rmSync(dir, { recursive: true, force: true })
}
