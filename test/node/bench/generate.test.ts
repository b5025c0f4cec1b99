// The benchmark's data generator (tools/bench), at a tiny scale on the PostgreSQL server: the
// sizes asked for, each workspace's rows its own, values as the app would store them, and the
// same database for the same seed however many connections filled it. Needs TEST_DATABASE_URL
// (the generator speaks PostgreSQL-server SQL, not PGlite's); skipped without it.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normaliseEmail, normalisePhone } from '../../../src/domain/records/normalise.ts'
import { generateBench, LOADED_TABLES } from '../../../tools/bench/generate.ts'
import { planBench, totalEvents, type BenchPlan } from '../../../tools/bench/plan.ts'
import { migrateServer } from '../../../tools/db/migrate.ts'
import { installPhoneMetadata } from '../../../tools/dev/phone-metadata.ts'
import { createServerTestDatabase, type ServerTestDatabase } from '../../../tools/neon-local/test-database.ts'

// The expected phone columns come from normalisePhone, which reads the metadata the worker loads
// from its static assets.
installPhoneMetadata()

const server = process.env.TEST_DATABASE_URL
const SCALE = 0.0005
const ANCHOR = new Date('2026-06-01T00:00:00Z')
// Not a real scrypt hash: nobody signs in here, and hashing would only slow the test.
const HASH = 'scrypt$15$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'

type Generated = { db: ServerTestDatabase; client: pg.Client; plan: BenchPlan }

async function generated(seed: number, jobs: number): Promise<Generated> {
  const db = await createServerTestDatabase(server ?? '')
  await migrateServer(db.url)
  const plan = planBench(SCALE, seed, ANCHOR)
  await generateBench(db.url, plan, HASH, { jobs })
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  return { db, client, plan }
}

const rows = async <T extends pg.QueryResultRow>(g: Generated, sql: string, params: unknown[] = []) => (await g.client.query<T>(sql, params)).rows
const count = async (g: Generated, sql: string, params: unknown[] = []) => Number((await rows<{ n: string }>(g, sql, params))[0]?.n)

// Every row of every table the generator fills, hashed in id order.
async function fingerprint(g: Generated): Promise<Record<string, string>> {
  const tables = ['tenants', 'users', 'memberships', 'pipelines', 'pipeline_stages', 'tags', ...LOADED_TABLES]
  const out: Record<string, string> = {}
  for (const table of tables) out[table] = (await rows<{ h: string }>(g, `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`))[0]?.h ?? ''
  return out
}

describe.skipIf(!server)('bench data generator', () => {
  let a: Generated
  let b: Generated

  beforeAll(async () => {
    ;[a, b] = await Promise.all([generated(7, 3), generated(7, 1)])
  })
  afterAll(async () => {
    for (const g of [a, b]) {
      await g?.client.end()
      await g?.db.drop()
    }
  })

  it('makes the requested number of each record, per workspace', async () => {
    const [main, ...others] = a.plan.workspaces
    expect(main?.sizes).toEqual({ accounts: 100, contacts: 500, leads: 150, opportunities: 75, events: 1500 })
    expect(others.map((w) => w.sizes.contacts)).toEqual([50, 50, 50])
    for (const ws of a.plan.workspaces) {
      const counted = await rows<Record<string, string>>(
        a,
        `SELECT (SELECT count(*) FROM accounts WHERE tenant_id = $1) AS accounts, (SELECT count(*) FROM contacts WHERE tenant_id = $1) AS contacts,
           (SELECT count(*) FROM leads WHERE tenant_id = $1) AS leads, (SELECT count(*) FROM opportunities WHERE tenant_id = $1) AS opportunities,
           (SELECT count(*) FROM activity_events WHERE tenant_id = $1) AS events, (SELECT count(*) FROM memberships WHERE tenant_id = $1) AS members`,
        [ws.id],
      )
      expect(Object.fromEntries(Object.entries(counted[0] ?? {}).map(([k, v]) => [k, Number(v)]))).toEqual({ ...ws.sizes, events: totalEvents(ws.sizes), members: 5 })
    }
    // Every record has its "created" event, and the busiest records a long history.
    expect(await count(a, "SELECT count(*) AS n FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM activity_events e WHERE e.tenant_id = c.tenant_id AND e.entity_id = c.id AND e.event_type = 'created')")).toBe(0)
    expect(await count(a, "SELECT max(n) AS n FROM (SELECT count(*) AS n FROM activity_events WHERE entity_type = 'contact' GROUP BY entity_id) h")).toBeGreaterThan(5)
  })

  it('keeps every workspace to its own rows', async () => {
    // Composite foreign keys were re-added (and so checked) after the load; the timeline has no
    // foreign key, so its links are checked here, as is that no id is reused across workspaces.
    const orphans = await count(
      a,
      `SELECT count(*) AS n FROM activity_events e WHERE NOT EXISTS (
         SELECT 1 FROM accounts r WHERE e.entity_type = 'account' AND r.tenant_id = e.tenant_id AND r.id = e.entity_id
         UNION ALL SELECT 1 FROM contacts r WHERE e.entity_type = 'contact' AND r.tenant_id = e.tenant_id AND r.id = e.entity_id
         UNION ALL SELECT 1 FROM leads r WHERE e.entity_type = 'lead' AND r.tenant_id = e.tenant_id AND r.id = e.entity_id
         UNION ALL SELECT 1 FROM opportunities r WHERE e.entity_type = 'opportunity' AND r.tenant_id = e.tenant_id AND r.id = e.entity_id)`,
    )
    expect(orphans).toBe(0)
    expect(await count(a, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND conrelid = 'contacts'::regclass AND convalidated")).toBeGreaterThanOrEqual(3)
    for (const table of ['accounts', 'contacts', 'leads', 'opportunities', 'activity_events']) {
      expect(await count(a, `SELECT count(*) - count(DISTINCT id) AS n FROM ${table}`)).toBe(0)
    }
    // Other workspaces' events are about other workspaces' records, and actors are their own members.
    expect(await count(a, 'SELECT count(*) AS n FROM activity_events e WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = e.tenant_id AND m.user_id = e.actor_user_id)')).toBe(0)
  })

  it('stores emails and phones as the app normalises them', async () => {
    const people = await rows<{ email: string; normalized: string; phone: string | null; e164: string | null; digits: string | null; country: string | null }>(
      a,
      `SELECT email, email_normalized AS normalized, phone, phone_e_164 AS e164, phone_digits AS digits, NULL AS country FROM contacts
       UNION ALL SELECT email, email_normalized, phone, phone_e_164, phone_digits, country FROM leads`,
    )
    expect(people.length).toBe(a.plan.workspaces.reduce((n, w) => n + w.sizes.contacts + w.sizes.leads, 0))
    for (const p of people) {
      expect(normaliseEmail(p.email)).toBe(p.normalized)
      expect(p.normalized).toMatch(/^[a-z0-9.]+@[a-z0-9]+\.[a-z]+$/)
      const phone = p.phone === null ? null : normalisePhone(p.phone, p.country === 'GB' ? 'GB' : 'US')
      expect(phone ? { e164: phone.e164, digits: phone.digits } : null).toEqual(p.e164 === null ? null : { e164: p.e164, digits: p.digits })
    }
    expect(people.filter((p) => p.phone !== null).length / people.length).toBeGreaterThan(0.7)
  })

  it('makes the same database from the same seed, however many connections fill it', async () => {
    expect(await fingerprint(b)).toEqual(await fingerprint(a))
    const other = planBench(SCALE, 8, ANCHOR)
    expect(other.workspaces[0]?.id).not.toBe(a.plan.workspaces[0]?.id)
  })
})
