// The `npm start` demo seed: a lively, consistent workspace, the same on every run, and never
// written over a database that already has data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE } from '../../../src/domain/opportunities/default-pipeline.ts'
import { normalisePhone } from '../../../src/domain/records/normalise.ts'
import { DEFAULT_SCORING_RULES } from '../../../src/domain/scoring/engine.ts'
import { BUILTIN_VIEWS } from '../../../src/domain/views/builtin.ts'
import { DEMO_WORKSPACE, seedDemoWorkspace } from '../../../tools/dev/seed-demo.ts'
import { startNeonServer, type NeonServer } from '../../../tools/neon-local/server.ts'
import { createTestBackend, type TestBackend } from '../harness/test-backend.ts'

type Seeded = { db: TestBackend; server: NeonServer; outcome: string; ms: number }

async function seededDatabase(): Promise<Seeded> {
  const db = await createTestBackend()
  const server = await startNeonServer(db.backend)
  const started = performance.now()
  const outcome = await seedDemoWorkspace(server.url, { local: true })
  return { db, server, outcome, ms: performance.now() - started }
}

const rowsOf = async (seeded: Seeded, query: string, params: string[] = []) => (await seeded.db.backend.query({ query, params })).rows
const valueOf = async (seeded: Seeded, query: string, params: string[] = []) => (await rowsOf(seeded, query, params))[0]?.[0] ?? null
const countOf = async (seeded: Seeded, query: string, params: string[] = []) => Number(await valueOf(seeded, query, params))

const EXPECTED: Record<string, [number, number]> = {
  pipelines: [1, 1],
  pipeline_stages: [DEFAULT_PIPELINE.stages.length, DEFAULT_PIPELINE.stages.length],
  scoring_rules: [DEFAULT_SCORING_RULES.length, DEFAULT_SCORING_RULES.length],
  tags: [8, 8],
  accounts: [55, 65],
  contacts: [130, 170],
  leads: [110, 130],
  lead_score_history: [800, 1700],
  opportunities: [65, 75],
  tasks: [110, 130],
  notes: [90, 110],
  activities: [90, 110],
  record_tags: [50, 200],
  activity_events: [800, 2000],
  customer_status_history: [100, 800],
  // The built-in views and the demo user's own.
  saved_views: [BUILTIN_VIEWS.length + 1, BUILTIN_VIEWS.length + 1],
}

describe('the demo seed', () => {
  let first: Seeded
  let second: Seeded
  let tenantId: string
  beforeAll(async () => {
    first = await seededDatabase()
    second = await seededDatabase()
    tenantId = String(await valueOf(first, 'select id from tenants where name = $1', [DEMO_WORKSPACE]))
    console.log(`demo seed on ${first.db.backend.kind}: ${first.ms.toFixed(0)} ms, ${second.ms.toFixed(0)} ms`)
  })
  afterAll(async () => {
    for (const seeded of [first, second]) {
      await seeded?.server.close()
      await seeded?.db.dispose()
    }
  })

  it('seeds a few hundred records of every kind', async () => {
    expect(first.outcome).toBe('seeded')
    for (const [table, [min, max]] of Object.entries(EXPECTED)) {
      const n = await countOf(first, `select count(*) from ${table}`)
      expect({ table, inRange: n >= min && n <= max, n }).toEqual({ table, inRange: true, n })
    }
  })

  it('puts every row in the demo workspace', async () => {
    expect(await countOf(first, 'select count(*) from tenants')).toBe(1)
    for (const table of Object.keys(EXPECTED)) {
      expect({ table, elsewhere: await countOf(first, `select count(*) from ${table} where tenant_id <> $1`, [tenantId]) }).toEqual({ table, elsewhere: 0 })
    }
  })

  it('is the same on every run: same companies, people and leads', async () => {
    const names = 'select name, domain from accounts order by name'
    const people = 'select email_normalized from contacts union all select email_normalized from leads order by 1'
    expect(await rowsOf(second, names)).toEqual(await rowsOf(first, names))
    expect(await rowsOf(second, people)).toEqual(await rowsOf(first, people))
  })

  it('does nothing on a database that already has a workspace', async () => {
    const before = await countOf(first, 'select count(*) from activity_events')
    expect(await seedDemoWorkspace(first.server.url, { local: true })).toBe('skipped')
    expect(await countOf(first, 'select count(*) from tenants')).toBe(1)
    expect(await countOf(first, 'select count(*) from activity_events')).toBe(before)
  })

  it('gives the demo user overdue and today’s tasks, open leads and deals closing this month', async () => {
    const demo = String(await valueOf(first, `select id from users where email = 'demo@example.com'`))
    const open = 'completed_at is null and assignee_id = $1'
    expect(await countOf(first, `select count(*) from tasks where ${open} and due_at < now()`, [demo])).toBeGreaterThanOrEqual(3)
    expect(await countOf(first, `select count(*) from tasks where ${open} and due_at >= now() and due_at < now() + interval '1 day'`, [demo])).toBeGreaterThanOrEqual(3)
    expect(await countOf(first, `select count(*) from leads where owner_id = $1 and status in ('new', 'contacted', 'qualified')`, [demo])).toBeGreaterThanOrEqual(10)
    const closing = `select count(*) from opportunities where owner_id = $1 and status = 'open' and date_trunc('month', close_date) = date_trunc('month', now())`
    expect(await countOf(first, closing, [demo])).toBeGreaterThanOrEqual(3)
  })

  it('flags some open deals as rotting, and closes some as won and lost', async () => {
    const rotting = `select count(*) from opportunities o join pipeline_stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
      where o.status = 'open' and o.stage_entered_at < now() - make_interval(days => s.rotting_days)`
    expect(await countOf(first, rotting)).toBeGreaterThan(0)
    expect(await countOf(first, `select count(*) from opportunities where status = 'won'`)).toBeGreaterThan(0)
    expect(await countOf(first, `select count(*) from opportunities where status = 'lost' and lost_reason is not null`)).toBeGreaterThan(0)
  })

  it('gives every record a created event, and no history after now or before 120 days ago', async () => {
    for (const [table, type] of [['accounts', 'account'], ['contacts', 'contact'], ['leads', 'lead'], ['opportunities', 'opportunity'], ['tasks', 'task'], ['notes', 'note']]) {
      const missing = await countOf(first, `select count(*) from ${table} r where not exists (select 1 from activity_events e where e.entity_type = $1 and e.entity_id = r.id and e.event_type = 'created')`, [String(type)])
      expect({ table, missing }).toEqual({ table, missing: 0 })
      const outside = await countOf(first, `select count(*) from ${table} where created_at > now() or created_at < now() - interval '121 days'`)
      expect({ table, outside }).toEqual({ table, outside: 0 })
    }
    expect(await countOf(first, 'select count(*) from activity_events where occurred_at > now()')).toBe(0)
  })

  it('keeps last_contacted_at to the latest activity logged with the person', async () => {
    for (const [table, column] of [['contacts', 'contact_id'], ['leads', 'lead_id']]) {
      const off = await countOf(first, `select count(*) from ${table} r where r.last_contacted_at is distinct from (select max(a.occurred_at) from activities a where a.${column} = r.id)`)
      expect({ table, off }).toEqual({ table, off: 0 })
    }
  })

  it('scores the demo leads with the engine, with explanations, history and qualified MQLs', async () => {
    // Every lead is scored; converted ones as of their conversion.
    expect(await countOf(first, 'select count(*) from leads where scored_at is null')).toBe(0)
    expect(await countOf(first, `select count(*) from leads where jsonb_array_length(score_breakdown) > 0`)).toBeGreaterThan(100)
    expect(await countOf(first, 'select count(*) from leads where industry is not null and company_size is not null and country is not null')).toBeGreaterThan(100)
    expect(await countOf(first, `select count(*) from activity_events where event_type = 'form_submitted'`)).toBeGreaterThan(30)
    // Each breakdown adds up to the score, as far as rounding and the 0..100 range allow.
    const off = `select count(*) from leads l where abs(l.score - greatest(0, least(100, (select coalesce(sum((x->>'points')::numeric), 0) from jsonb_array_elements(l.score_breakdown) x)))) > 1`
    expect(await countOf(first, off)).toBe(0)
    // Today's history row is the stored score, with two weeks before it for the sparkline.
    expect(await countOf(first, `select count(*) from lead_score_history h join leads l on l.id = h.lead_id where h.day = (now() at time zone 'UTC')::date and h.score <> l.score`)).toBe(0)
    expect(await countOf(first, `select count(distinct day) from lead_score_history`)).toBe(14)
    // A lead at or over a threshold has it listed (so the app does not act on it again), and the
    // MQL threshold has moved every new or contacted lead it reached to qualified.
    const reached = `select count(*) from leads l join scoring_rules r on r.tenant_id = l.tenant_id and r.kind = 'threshold'
      where l.score >= (r.definition->>'minScore')::int and l.status <> 'converted' and not (r.id::text = any(l.score_thresholds))`
    expect(await countOf(first, reached)).toBe(0)
    expect(await countOf(first, `select count(*) from leads where score >= 60 and status in ('new', 'contacted')`)).toBe(0)
    expect(await countOf(first, `select count(*) from activity_events where event_type = 'status_changed' and actor_user_id is null and payload ? 'scoringRule'`)).toBeGreaterThan(0)
    // The same on every run (rule ids aside, which carry the seeding time).
    const scores = `select email_normalized, score, (select jsonb_agg(x - 'ruleId') from jsonb_array_elements(score_breakdown) x) from leads order by 1`
    expect(await rowsOf(second, scores)).toEqual(await rowsOf(first, scores))
  })

  it('stores phones as typed with the E.164 and digits forms the app would derive', async () => {
    const phones = await rowsOf(first, 'select phone, phone_e_164, phone_digits from contacts where phone is not null union all select phone, phone_e_164, phone_digits from leads where phone is not null')
    expect(phones.length).toBeGreaterThan(100)
    for (const [phone, e164, digits] of phones) expect(normalisePhone(String(phone))).toEqual({ e164, digits })
  })
})
