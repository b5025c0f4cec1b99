// `npm run bench:capture`: how many form submissions per second one local worker (wrangler dev)
// sustains with dedupe on, measured with autocannon against POST /f/:key, on a scratch database on
// the PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// or, with BACKEND=pglite, on the embedded database. Prints figures and the lead/submission counts
// it expects and finds; asserts nothing.
// REQUESTS=3000 CONNECTIONS=20 DUPLICATES=0.25 (share of submissions repeating an earlier email).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { migrateServer } from '../tools/db/migrate.ts'
import { openMigratedBackend } from '../tools/dev/local-database.ts'
import { freePort } from '../tools/dev/free-port.ts'
import { DEMO_PASSWORD, DEMO_USERS } from '../tools/dev/seed-demo.ts'
import { startDevStack } from '../tools/dev/stack.ts'
import { createPgBackend } from '../tools/neon-local/pg-backend.ts'
import { createServerTestDatabase } from '../tools/neon-local/test-database.ts'

const REQUESTS = Number(process.env.REQUESTS ?? 3000)
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20)
const DUPLICATES = Number(process.env.DUPLICATES ?? 0.25)
const SITE = 'https://bench-site.example'

const dir = mkdtempSync(join(tmpdir(), 'crm-bench-capture-'))
const onServer = process.env.BACKEND !== 'pglite'
const database = onServer ? await createServerTestDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : null
if (database) await migrateServer(database.url)
const backend = database ? createPgBackend(database.url) : await openMigratedBackend({ kind: 'embedded', dataDir: join(dir, 'db') })
const stack = await startDevStack({ port: await freePort(), backend, persistTo: join(dir, 'wrangler'), seedDemo: true, quiet: true })

try {
  const admin = DEMO_USERS[0]
  if (!admin) throw new Error('no demo user')
  const login = await fetch(`${stack.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: stack.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: admin.email, password: DEMO_PASSWORD }) })
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  if (!cookie) throw new Error(`login failed: ${login.status}`)

  // No signed timestamp (a plain HTML embed) and limits far above the load, so every request is
  // a real capture: the figure is dedupe + routing + the submission record, not the rate limiter.
  const formRes = await fetch(`${stack.url}/api/v1/forms`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: stack.url, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: 'Bench form',
      fields: [
        { name: 'firstName', label: 'First name', type: 'text', maps: 'firstName' },
        { name: 'lastName', label: 'Last name', type: 'text', maps: 'lastName' },
        { name: 'email', label: 'Email', type: 'email', required: true, maps: 'email' },
        { name: 'company', label: 'Company', type: 'text', maps: 'companyName' },
      ],
      allowedOrigins: [SITE],
      minFillSeconds: 0,
      acceptWithoutTimestamp: true,
      maxPerMinute: 100_000,
      maxPerIpPerMinute: 10_000,
    }),
  })
  if (formRes.status !== 201) throw new Error(`form: ${formRes.status} ${await formRes.text()}`)
  const { id: formId, key } = (await formRes.json()) as { id: string; key: string }

  // Submission i repeats an earlier email with probability DUPLICATES (a seeded choice, so runs
  // compare); the rest are new people. Distinct emails = leads the run should create.
  let seed = 42
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const emails: string[] = []
  for (let i = 0; i < REQUESTS; i++) emails.push(i > 0 && random() < DUPLICATES ? (emails[Math.floor(random() * i)] ?? '') : `lead-${i}@bench-lead.example`)
  const distinct = new Set(emails).size

  let next = 0
  const failures: string[] = []
  const result = await autocannon({
    url: `${stack.url}/f/${key}`,
    connections: CONNECTIONS,
    amount: REQUESTS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = next++
          const body = JSON.stringify({ firstName: `Ada${i % 97}`, lastName: `Bench${i % 89}`, email: emails[i % REQUESTS], company: `Company ${i % 53}` })
          return { ...req, body, headers: { ...req.headers, Origin: SITE, Accept: 'application/json', 'Content-Type': 'application/json', 'CF-Connecting-IP': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } }
        },
        // The first few failures, so a figure with errors in it says what they were.
        onResponse: (status, body) => {
          if (status >= 300 && failures.length < 3) failures.push(`${status}: ${String(body).slice(0, 300)}`)
        },
      },
    ],
  })

  console.log(`POST /f/:key on ${backend.kind}, one wrangler dev worker, ${REQUESTS} submissions (${distinct} distinct emails, ${REQUESTS - distinct} repeats), ${CONNECTIONS} connections`)
  console.log(`throughput: ${result.requests.average.toFixed(1)} submissions/s (mean of per-second samples); ${(REQUESTS / result.duration).toFixed(1)} overall`)
  console.log(`latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`)
  const statuses = Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => `${code}: ${stat.count ?? 0}`).join(', ')
  console.log(`responses: ${statuses}; errors ${result.errors}, timeouts ${result.timeouts}`)
  for (const f of failures) console.log(`  e.g. ${f}`)
  if (database) {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    const { rows } = await client.query<{ leads: string; submissions: string; events: string }>(
      `select (select count(*) from leads where email_normalized like '%@bench-lead.example') as leads,
              (select count(*) from form_submissions) as submissions,
              (select count(*) from activity_events where event_type = 'form_submitted' and payload->>'formId' = $1) as events`, [formId],
    )
    await client.end()
    console.log(`database: ${rows[0]?.leads} leads (expected ${distinct}), ${rows[0]?.submissions} submissions and ${rows[0]?.events} form_submitted events (expected ${REQUESTS} each)`)
  }
} finally {
  await stack.stop()
  await backend.close()
  await database?.drop()
  rmSync(dir, { recursive: true, force: true })
}
