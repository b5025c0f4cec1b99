// `npm run bench:reminders`: how many reminders one cron run plus the consumer work it fans out
// processes per second, on a PostgreSQL server, through the real handlers and the neon-http
// driver (via the local Neon-protocol endpoint). Prints figures; asserts nothing.
// Seeds N due tasks in a scratch database (created and dropped here) on BENCH_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres). N=2000, CONCURRENCY=10 consumers.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { migrateServer } from '../tools/db/migrate.ts'
import { createPgBackend } from '../tools/neon-local/pg-backend.ts'
import { startNeonServer } from '../tools/neon-local/server.ts'
import { createServerTestDatabase } from '../tools/neon-local/test-database.ts'

// The handlers are typed against the Workers runtime (tsconfig.json), which this Node-side script
// (tsconfig.node.json) cannot see, so they are loaded by path and typed here by the slice used.
type JobMessage = { type: 'task-reminder' | 'send-email' } & Record<string, unknown>
type MailProvider = { name: string; send(msg: unknown): Promise<{ providerMessageId: string }> }
const load = <T>(path: string) => import(new URL(path, import.meta.url).href) as Promise<T>
const { CRONS, handleScheduled } = await load<{ CRONS: { reminders: string }; handleScheduled(c: { cron: string; scheduledTime: number }, env: unknown): Promise<void> }>('../src/handlers/jobs/scheduled.ts')
const { runTaskReminder } = await load<{ runTaskReminder(env: unknown, msg: JobMessage): Promise<void> }>('../src/handlers/jobs/task-reminder.job.ts')
const { runSendEmail } = await load<{ runSendEmail(env: unknown, msg: JobMessage, provider: MailProvider): Promise<void> }>('../src/handlers/jobs/send-email.job.ts')

const N = Number(process.env.N ?? 2000)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10)
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

const database = await createServerTestDatabase(adminUrl)
const backend = createPgBackend(database.url)
const endpoint = await startNeonServer(backend)
try {
  await migrateServer(database.url)
  await seed(database.url)

  // The queue, in memory: what cron and the jobs enqueue is collected and then consumed here.
  const queued: JobMessage[] = []
  const JOBS = { send: async (body: JobMessage) => void queued.push(body), sendBatch: async (msgs: { body: JobMessage }[]) => void queued.push(...msgs.map((m) => m.body)) }
  const env = { DATABASE_URL: database.url, NEON_FETCH_ENDPOINT: endpoint.url, APP_URL: 'http://localhost:8787', LOCAL_MODE: 'true', MAIL_FROM: 'crm@example.test', JOBS }
  // A provider that does nothing: the figure is ours, not a mail API's.
  let sends = 0
  const provider: MailProvider = { name: 'null', send: async () => ({ providerMessageId: `null-${++sends}` }) }

  const t0 = performance.now()
  await handleScheduled({ cron: CRONS.reminders, scheduledTime: Date.now() }, env)
  const claimed = queued.length
  const t1 = performance.now()
  const reminders = await consume(queued.splice(0), (msg) => (msg.type === 'task-reminder' ? runTaskReminder(env, msg) : Promise.resolve()))
  const t2 = performance.now()
  const emails = await consume(queued.splice(0), (msg) => (msg.type === 'send-email' ? runSendEmail(env, msg, provider) : Promise.resolve()))
  const t3 = performance.now()

  const secs = (ms: number) => (ms / 1000).toFixed(2)
  console.log(`\n${N} due reminders on ${backend.kind}, ${CONCURRENCY} concurrent consumers, null mail provider; wall-clock on this machine.\n`)
  console.log(`cron claim + enqueue:   ${claimed} messages in ${secs(t1 - t0)} s`)
  console.log(`task-reminder jobs:     ${reminders} in ${secs(t2 - t1)} s`)
  console.log(`send-email jobs:        ${emails} in ${secs(t3 - t2)} s (${sends} sends)`)
  console.log(`whole cycle:            ${((N / (t3 - t0)) * 1000).toFixed(0)} reminders/s`)
} finally {
  await endpoint.close()
  await backend.close()
  await database.drop()
}

// Runs every message through `run`, CONCURRENCY at a time, as parallel consumer invocations would.
async function consume(messages: JobMessage[], run: (msg: JobMessage) => Promise<void>): Promise<number> {
  let next = 0
  const worker = async () => {
    while (next < messages.length) {
      const msg = messages[next++]
      if (msg) await run(msg)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return messages.length
}

async function seed(url: string): Promise<void> {
  const client = new pg.Client(url)
  await client.connect()
  try {
    const tenantId = randomUUID()
    const userId = randomUUID()
    await client.query('insert into tenants (id, name) values ($1, $2)', [tenantId, 'Bench'])
    await client.query('insert into users (id, email, name, password_hash) values ($1, $2, $3, $4)', [userId, 'bench@example.test', 'Bench User', 'x'])
    await client.query("insert into memberships (tenant_id, user_id, role) values ($1, $2, 'admin')", [tenantId, userId])
    await client.query(
      `insert into tasks (tenant_id, id, title, remind_at, assignee_id, created_by)
       select $1, gen_random_uuid(), 'Follow up ' || i, now() - (i || ' seconds')::interval, $2, $2 from generate_series(1, $3::int) i`,
      [tenantId, userId, N],
    )
  } finally {
    await client.end()
  }
}
