// The benchmark's own database on the PostgreSQL server, one per scale (crm_bench_1,
// crm_bench_0_01, ...): created, migrated and filled on first use, then reused by later runs at the
// same scale, seed and generator version (a marker row says which), so a rerun costs no reload.
import pg from 'pg'
import { hashPassword } from '../../src/lib/auth/password.ts'
import { migrateServer } from '../db/migrate.ts'
import { generateBench } from './generate.ts'
import { BENCH_PASSWORD, DAY, planBench, type BenchPlan } from './plan.ts'

// Bump when the generator makes different rows, so stale databases are rebuilt.
export const GENERATOR_VERSION = 1

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres'

export type BenchDatabase = { url: string; plan: BenchPlan; generated: boolean; seconds: number }

// BENCH_DATABASE_URL names the database outright; otherwise one per scale on the local server.
export function benchDatabaseUrl(scale: number, env: NodeJS.ProcessEnv = process.env): string {
  if (env.BENCH_DATABASE_URL) return env.BENCH_DATABASE_URL
  const url = new URL(DEFAULT_SERVER)
  url.pathname = `/crm_bench_${String(scale).replace(/\W/g, '_')}`
  return url.toString()
}

type Marker = { scale: number; seed: string; version: number; anchor: Date; seconds: number }

export async function prepareBenchDatabase(opts: { url: string; scale: number; seed: number; regenerate?: boolean; jobs?: number; log: (line: string) => void }): Promise<BenchDatabase> {
  const marker = opts.regenerate ? null : await readMarker(opts.url)
  if (marker && marker.scale === opts.scale && marker.seed === String(opts.seed) && marker.version === GENERATOR_VERSION) {
    const reused = await migrateReused(opts.url, opts.log)
    if (reused) return { url: opts.url, plan: planBench(opts.scale, opts.seed, marker.anchor), generated: false, seconds: marker.seconds }
  }
  const started = performance.now()
  await recreate(opts.url)
  await migrateServer(opts.url)
  const anchor = new Date(Math.floor(Date.now() / DAY) * DAY)
  const plan = planBench(opts.scale, opts.seed, anchor)
  await generateBench(opts.url, plan, await hashPassword(BENCH_PASSWORD), { jobs: opts.jobs, log: opts.log })
  const seconds = (performance.now() - started) / 1000
  await withClient(opts.url, async (client) => {
    await client.query('CREATE SCHEMA bench')
    await client.query('CREATE TABLE bench.marker (scale float8 NOT NULL, seed text NOT NULL, version int NOT NULL, anchor timestamptz NOT NULL, seconds float8 NOT NULL)')
    await client.query('INSERT INTO bench.marker VALUES ($1, $2, $3, $4, $5)', [opts.scale, String(opts.seed), GENERATOR_VERSION, anchor, seconds])
  })
  return { url: opts.url, plan, generated: true, seconds }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

const migrationCount = (url: string) => withClient(url, async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')).rows[0]?.n))

// Migrations added since the data was made apply on top of it, and new columns and indexes then
// get statistics. False when they do not apply (a migration already run was edited since): the
// data is then made afresh.
async function migrateReused(url: string, log: (line: string) => void): Promise<boolean> {
  const before = await migrationCount(url)
  try {
    await migrateServer(url)
  } catch (err) {
    log(`  the stored data does not take the current migrations (${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}): generating afresh`)
    return false
  }
  if ((await migrationCount(url)) !== before) {
    log('  new migrations applied to the stored data: VACUUM ANALYZE')
    await withClient(url, (c) => c.query('VACUUM (ANALYZE)'))
  }
  return true
}

async function readMarker(url: string): Promise<Marker | null> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
  } catch {
    return null // no such database yet
  }
  try {
    const { rows } = await client.query<Marker>('SELECT scale, seed, version, anchor, seconds FROM bench.marker')
    return rows[0] ?? null
  } catch {
    return null // made by an interrupted run
  } finally {
    await client.end()
  }
}

// Drops the database if it exists and creates it empty, UTF-8 with C.UTF-8 like Neon's.
async function recreate(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const quoted = pg.escapeIdentifier(name)
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${quoted} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`).catch(() => client.query(`CREATE DATABASE ${quoted}`))
  } finally {
    await client.end()
  }
}
