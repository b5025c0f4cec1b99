// Fills a migrated database with the benchmark's workspaces, straight through `pg`: every table is
// made by INSERT ... SELECT FROM generate_series statements (slices of up to 200k rows), computed
// inside PostgreSQL, so no row travels from the client. The app's own triggers still run (they
// keep the search terms); secondary indexes and foreign keys are set aside for the load and put
// back after, and VACUUM ANALYZE leaves the tables as a long-running database has them:
// statistics current, visibility map set.
import pg from 'pg'
import { DEFAULT_PIPELINE } from '../../src/domain/opportunities/default-pipeline.ts'
import { createdEvents, DAY, totalEvents, type BenchPlan, type BenchWorkspace } from './plan.ts'
import { COMPANY_NAMES, lateral, recordsOf, type Entity, type Records } from './records.ts'
import { at, binder, type Binder } from './sql.ts'
import { ACTIVITY_SUBJECTS, LOSSES, NOTE_EXCERPTS, SIZES, SOURCES, TITLES } from './words.ts'

export const LOADED_TABLES = ['accounts', 'contacts', 'leads', 'opportunities', 'activity_events', 'record_tags'] as const

type Log = (line: string) => void

// `jobs` connections fill the tables side by side: with the foreign keys dropped for the load, no
// statement depends on another.
export async function generateBench(url: string, plan: BenchPlan, passwordHash: string, opts: { jobs?: number; log?: Log } = {}): Promise<void> {
  const log = opts.log ?? (() => undefined)
  const clients = await Promise.all(Array.from({ length: Math.max(1, opts.jobs ?? 2) }, async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('SET synchronous_commit = off')
    return client
  }))
  const [first] = clients
  if (!first) throw new Error('no connection')
  try {
    const deferred = await dropForLoad(first)
    for (const ws of plan.workspaces) await insertWorkspace(first, plan, ws, passwordHash)
    const queue = plan.workspaces.flatMap((ws) => statements(plan, ws).map((st) => ({ ws, st })))
    await Promise.all(clients.map(async (client) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const t0 = performance.now()
        const res = await client.query(next.st.sql, next.st.values)
        log(`  ${next.ws.name}: ${next.st.label.padEnd(32)} ${String(res.rowCount ?? 0).padStart(9)} rows  ${seconds(t0)} s`)
      }
    }))
    // Then the same side by side: index builds, the foreign keys (each re-added key checks every
    // row in one pass: the data's consistency, proven) and VACUUM ANALYZE, a phase at a time so a
    // key check never waits on an index build.
    const parallel = async (label: string, work: string[]) => {
      const t0 = performance.now()
      await Promise.all(clients.map(async (client) => {
        for (let next = work.shift(); next; next = work.shift()) await client.query(next)
      }))
      log(`  ${label}  ${seconds(t0)} s`)
    }
    await Promise.all(clients.map((c) => c.query("SET maintenance_work_mem = '256MB'")))
    await parallel('indexes rebuilt', deferred.indexes)
    await parallel('foreign keys checked', deferred.keys)
    await parallel('vacuum analyze', [...LOADED_TABLES.map((t) => `VACUUM (ANALYZE) ${t}`), 'ANALYZE tenants, users, memberships, pipelines, pipeline_stages, tags'])
  } finally {
    await Promise.all(clients.map((c) => c.end()))
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)

// Secondary indexes (non-unique, backing no constraint) and foreign keys of the loaded tables are
// dropped for the load, as pg_restore does: a bulk index build and a one-pass key check are many
// times faster than a million index inserts and a million per-row trigger lookups. Returns the
// statements that put them back.
async function dropForLoad(client: pg.ClientBase): Promise<{ indexes: string[]; keys: string[] }> {
  const tables = [[...LOADED_TABLES]]
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
     WHERE i.indrelid::regclass::text = ANY($1) AND NOT i.indisprimary AND NOT i.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    tables,
  )
  const { rows: keys } = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND conrelid::regclass::text = ANY($1)`,
    tables,
  )
  for (const { tbl, name } of keys) await client.query(`ALTER TABLE ${tbl} DROP CONSTRAINT ${ident(name)}`)
  for (const { name } of indexes) await client.query(`DROP INDEX ${name}`)
  return { indexes: indexes.map((i) => i.def), keys: keys.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT ${ident(k.name)} ${k.def}`) }
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

// The workspace, its members, pipeline and tags: a few dozen rows.
async function insertWorkspace(client: pg.ClientBase, plan: BenchPlan, ws: BenchWorkspace, passwordHash: string): Promise<void> {
  const since = new Date(plan.start - DAY)
  await client.query('INSERT INTO tenants (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)', [ws.id, ws.name, since])
  for (const m of ws.members) {
    await client.query('INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5, $5)', [m.id, m.email, m.name, passwordHash, since])
    await client.query('INSERT INTO memberships (tenant_id, user_id, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [ws.id, m.id, m.role, since])
  }
  await client.query('INSERT INTO pipelines (tenant_id, id, name, position, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4)', [ws.id, ws.pipelineId, DEFAULT_PIPELINE.name, since])
  for (const [position, s] of ws.stages.entries()) {
    await client.query('INSERT INTO pipeline_stages (tenant_id, id, pipeline_id, name, position, probability, rotting_days, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)', [ws.id, s.id, ws.pipelineId, s.name, position, s.probability, s.rottingDays, since])
  }
  for (const t of ws.tags) await client.query('INSERT INTO tags (tenant_id, id, name, colour, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)', [ws.id, t.id, t.name, t.colour, since])
}

type Statement = { label: string; sql: string; values: unknown[] }
// What a table's statement is built from: the row expressions, its parameters, the workspace, and
// the row numbers it makes (`rows('i')` is its FROM).
type Build = { g: Records; b: Binder; tenant: string; ws: BenchWorkspace; rows(i?: string): string }

const ENTITIES = ['accounts', 'contacts', 'leads', 'opportunities'] as const
const ENTITY_TYPE: Record<Entity, string> = { accounts: 'account', contacts: 'contact', leads: 'lead', opportunities: 'opportunity' }
// Rows per statement: big tables are made in slices, which run side by side.
const SLICE = 200_000

function statements(plan: BenchPlan, ws: BenchWorkspace): Statement[] {
  const n = ws.sizes
  const s = (label: string, count: number, build: (x: Build) => string): Statement[] => {
    const slices = Math.ceil(count / SLICE)
    return Array.from({ length: slices }, (_, k) => {
      const [from, to] = [k * SLICE, Math.min(count, (k + 1) * SLICE)]
      const b = binder()
      const rows = (i = 'i') => `generate_series(${from}, ${to - 1}) AS g(${i})`
      return { label: slices > 1 ? `${label} ${k + 1}/${slices}` : label, ...b.finish(build({ g: recordsOf(plan, ws, b), b, tenant: b.bind(ws.id, 'uuid'), ws, rows })) }
    })
  }
  return [
    ...s('accounts', n.accounts, accounts),
    ...s('contacts', n.contacts, contacts),
    ...s('leads', n.leads, leads),
    ...s('opportunities', n.opportunities, opportunities),
    ...s('tags on accounts', n.accounts, (x) => recordTags(x, 'accounts', 'account_id')),
    ...s('tags on contacts', n.contacts, (x) => recordTags(x, 'contacts', 'contact_id')),
    ...ENTITIES.flatMap((e) => s(`created events: ${e}`, n[e], (x) => createdEventsOf(x, e))),
    ...extraEventCounts(ws).flatMap(([e, count]) => s(`events: ${e}`, count, (x) => extraEvents(x, e))),
  ]
}

function accounts({ g, tenant, rows }: Build): string {
  const co = g.company('i')
  return `INSERT INTO accounts (tenant_id, id, name, domain, industry, size, website, address, owner_id, status, last_contacted_at, created_at, updated_at, created_by, archived_at)
    SELECT ${tenant}, ${g.id('accounts', 'i')}, ${co.name}, domain, ${co.industry}, ${g.pick(SIZES, 'accounts.size', 'i')}, 'https://www.' || domain, ${g.address('accounts', 'i')},
      owner, status, CASE WHEN ${g.r('accounts.contacted', 'i')} < 0.8 THEN ${at(g.later('accounts.lastContact', 'i', 'ms'))} END,
      ${at('ms')}, ${at('updated')}, owner, CASE WHEN ${g.r('accounts.archived', 'i')} < 0.01 THEN ${at('updated')} END
    FROM ${rows()}
    ${lateral('x', { ms: g.created('accounts', 'i'), owner: g.accountOwner('i'), domain: co.domain, status: g.weighted('accounts.status', 'i', [["'prospect'", 45], ["'customer'", 40], ["'churned'", 15]]) })}
    ${lateral('y', { updated: g.later('accounts.updated', 'i', 'ms') })}`
}

// A contact at an account has an email at its domain and the account's owner.
const contactOwner = (g: Records, i: string, a: string) => `coalesce(${g.accountOwner(a)}, ${g.member('contacts.owner', i)})`

function contacts({ g, tenant, rows }: Build): string {
  const p = g.person('contacts', 'i', 'domain')
  return `INSERT INTO contacts (tenant_id, id, first_name, last_name, email, email_normalized, phone, phone_e_164, phone_digits, title, account_id, owner_id, status, last_contacted_at, created_at, updated_at, created_by, archived_at)
    SELECT ${tenant}, ${g.id('contacts', 'i')}, ${p.first}, ${p.last}, ${p.email}, ${p.emailNormalized}, ${p.phone}, ${p.phoneE164}, ${p.phoneDigits},
      ${g.pick(TITLES, 'contacts.title', 'i')}, CASE WHEN a IS NOT NULL THEN ${g.id('accounts', 'a')} END, owner,
      ${g.weighted('contacts.status', 'i', [["'subscriber'", 15], ["'prospect'", 45], ["'customer'", 30], ["'churned'", 10]])},
      CASE WHEN ${g.r('contacts.contacted', 'i')} < 0.7 THEN ${at(g.later('contacts.lastContact', 'i', 'ms'))} END,
      ${at('ms')}, ${at('updated')}, owner, CASE WHEN ${g.r('contacts.archived', 'i')} < 0.02 THEN ${at('updated')} END
    FROM ${rows()}
    ${lateral('x', { ms: g.created('contacts', 'i'), a: g.accountOfContact('i') })}
    ${lateral('y', { owner: contactOwner(g, 'i', 'a'), updated: g.later('contacts.updated', 'i', 'ms'), domain: `CASE WHEN a IS NOT NULL THEN ${g.company('a').domain} END` })}
    ${p.from}`
}

function leads({ g, tenant, rows }: Build): string {
  const co = g.company('company')
  const p = g.person('leads', 'i', 'domain', 'country', true)
  const n = g.n
  return `INSERT INTO leads (tenant_id, id, first_name, last_name, email, email_normalized, phone, phone_e_164, phone_digits, title, company_name, company_domain, website, industry, company_size, country, source, utm_source, utm_campaign, status, score, owner_id, last_contacted_at, converted_at, converted_contact_id, created_at, updated_at, created_by, archived_at)
    SELECT ${tenant}, ${g.id('leads', 'i')}, ${p.first}, ${p.last}, ${p.email}, ${p.emailNormalized}, ${p.phone}, ${p.phoneE164}, ${p.phoneDigits}, ${g.pick(TITLES, 'leads.title', 'i')},
      ${co.name}, domain, 'https://www.' || domain, ${co.industry}, ${g.pick(SIZES, 'leads.size', 'i')}, country, source,
      CASE WHEN source = 'web form' THEN ${g.pick(['google', 'linkedin', 'newsletter', 'bing'], 'leads.utm', 'i')} END,
      CASE WHEN source = 'web form' THEN ${g.pick(['spring-launch', 'webinar-followup', 'pricing-page', 'free-trial'], 'leads.campaign', 'i')} END,
      status, ${g.num('leads.score', 'i', 101)}, owner,
      CASE WHEN status <> 'new' THEN ${at(g.later('leads.lastContact', 'i', 'ms'))} END,
      CASE WHEN status = 'converted' THEN ${at(g.created('contacts', 'c'))} END, CASE WHEN status = 'converted' THEN ${g.id('contacts', 'c')} END,
      ${at('ms')}, ${at('updated')}, owner, CASE WHEN ${g.r('leads.archived', 'i')} < 0.02 THEN ${at('updated')} END
    FROM ${rows()}
    ${lateral('x', {
      ms: g.created('leads', 'i'),
      // A converted lead became a contact created after it: one numbered from `lo` on.
      lo: `(((i)::int8 + 1) * ${n.contacts} + ${n.leads} - 1) / ${n.leads}`,
      source: g.pick(SOURCES, 'leads.source', 'i'),
      country: g.weighted('leads.country', 'i', [["'US'", 75], ["'CA'", 15], ["'GB'", 10]]),
      company: g.num('leads.company', 'i', 2 * COMPANY_NAMES),
    })}
    ${lateral('y', {
      c: `CASE WHEN lo < ${n.contacts} THEN lo + ${g.num('leads.convertedTo', 'i', `${n.contacts} - lo`)} END`,
      status: g.weighted('leads.status', 'i', [["'new'", 30], ["'contacted'", 25], ["'qualified'", 15], ["'unqualified'", 15], [`(CASE WHEN lo < ${n.contacts} THEN 'converted' ELSE 'qualified' END)`, 15]]),
      domain: co.domain,
      updated: g.later('leads.updated', 'i', 'ms'),
    })}
    ${lateral('z', { owner: `CASE WHEN status = 'new' AND ${g.r('leads.unassigned', 'i')} < 0.1 THEN NULL ELSE ${g.member('leads.owner', 'i')} END` })}
    ${p.from}`
}

const opportunityOwner = (g: Records, j: string, a: string) => `coalesce(${g.accountOwner(a)}, ${g.member('opportunities.owner', j)})`

function opportunities({ g, b, tenant, ws, rows }: Build): string {
  const stage = (list: unknown[], type: string) => `(${b.bind(list, type)})[1 + stage]`
  // Open deals close from a month ago to half a year ahead; closed ones closed on some past day.
  const day = (ms: string) => `(${at(ms)} AT TIME ZONE 'UTC')::date`
  return `INSERT INTO opportunities (tenant_id, id, name, account_id, contact_id, amount, currency, pipeline_id, stage_id, stage_entered_at, probability, close_date, owner_id, status, lost_reason, last_contacted_at, created_at, updated_at, created_by, archived_at)
    SELECT ${tenant}, ${g.id('opportunities', 'j')}, ${g.opportunityName('j', 'a')}, CASE WHEN a IS NOT NULL THEN ${g.id('accounts', 'a')} END, CASE WHEN c IS NOT NULL THEN ${g.id('contacts', 'c')} END,
      round((1000 * exp(${g.r('opportunities.amount', 'j')} * ln(500)))::numeric, -2), 'USD', ${b.bind(ws.pipelineId, 'uuid')}, ${stage(ws.stages.map((s) => s.id), 'uuid[]')},
      ${at(g.later('opportunities.staged', 'j', 'ms'))}, CASE status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE ${stage(ws.stages.map((s) => s.probability), 'int[]')} END,
      CASE WHEN status = 'open' THEN ${day(String(g.anchor))} + (${g.num('opportunities.closing', 'j', 211)})::int - 30 ELSE ${day(g.later('opportunities.closed', 'j', 'ms'))} END,
      ${opportunityOwner(g, 'j', 'a')}, status, CASE WHEN status = 'lost' THEN ${g.pick(LOSSES, 'opportunities.lost', 'j')} END,
      CASE WHEN ${g.r('opportunities.contacted', 'j')} < 0.9 THEN ${at(g.later('opportunities.lastContact', 'j', 'ms'))} END,
      ${at('ms')}, ${at(g.later('opportunities.updated', 'j', 'ms'))}, ${opportunityOwner(g, 'j', 'a')}, CASE WHEN ${g.r('opportunities.archived', 'j')} < 0.01 THEN ${at('ms')} END
    FROM ${rows('j')}
    ${lateral('x', { ms: g.created('opportunities', 'j'), c: g.opportunityContact('j'), status: g.weighted('opportunities.status', 'j', [["'open'", 45], ["'won'", 30], ["'lost'", 25]]) })}
    ${lateral('y', { a: g.opportunityAccount('j', 'c'), stage: `CASE WHEN status = 'won' THEN ${ws.stages.length - 1} ELSE ${g.num('opportunities.stage', 'j', ws.stages.length)} END` })}`
}

// One tag on about one record in ten.
function recordTags({ g, tenant, ws, rows }: Build, e: 'accounts' | 'contacts', column: string): string {
  return `INSERT INTO record_tags (tenant_id, id, tag_id, ${column}, created_at)
    SELECT ${tenant}, ${g.idOf(`tag-${e}`, 'ms', 'i')}, ${g.pick(ws.tags.map((t) => t.id), `${e}.tag`, 'i', 'uuid')}, ${g.id(e, 'i')}, ${at('ms')}
    FROM ${rows()}
    ${lateral('x', { ms: g.later(`${e}.tagged`, 'i', g.created(e, 'i')) })}
    WHERE ${g.r(`${e}.hasTag`, 'i')} < 0.1`
}

const EVENT_INSERT = 'INSERT INTO activity_events (tenant_id, id, entity_type, entity_id, event_type, actor_user_id, occurred_at, payload)'

// The "created" event of every record, by whoever created it, naming it as the app does.
function createdEventsOf({ g, tenant, rows }: Build, e: Entity): string {
  const [name, actor, from] =
    e === 'accounts'
      ? [g.company('i').name, g.accountOwner('i'), '']
      : e === 'contacts'
        ? [g.personName('contacts', 'i'), contactOwner(g, 'i', 'a'), lateral('y', { a: g.accountOfContact('i') })]
        : e === 'leads'
          ? [g.personName('leads', 'i'), g.member('leads.owner', 'i'), '']
          : [g.opportunityName('i', 'a'), opportunityOwner(g, 'i', 'a'), lateral('y', { a: g.opportunityAccount('i', g.opportunityContact('i')) })]
  return `${EVENT_INSERT}
    SELECT ${tenant}, ${g.idOf(`created-${e}`, 'ms', 'i')}, '${ENTITY_TYPE[e]}', ${g.id(e, 'i')}, 'created', ${actor}, ${at('ms')}, jsonb_build_object('name', ${name})
    FROM ${rows()}
    ${lateral('x', { ms: g.created(e, 'i') })}
    ${from}`
}

// The rest of the timeline, shared out by kind of record; a fifth of each kind's events go to its
// oldest 1%, so some records have long histories, as busy accounts do.
const EVENT_SHARE: [Entity, number][] = [
  ['contacts', 0.6],
  ['accounts', 0.15],
  ['leads', 0.15],
  ['opportunities', 0.1],
]

export function extraEventCounts(ws: BenchWorkspace): [Entity, number][] {
  const extra = totalEvents(ws.sizes) - createdEvents(ws.sizes)
  let left = extra
  return EVENT_SHARE.map(([e, share], k): [Entity, number] => {
    const count = k === EVENT_SHARE.length - 1 ? left : Math.floor(extra * share)
    left -= count
    return [e, count]
  }).filter(([, count]) => count > 0)
}

const EVENT_KINDS: Record<Entity, [string, number][]> = {
  accounts: [["'activity_logged'", 35], ["'note_added'", 25], ["'updated'", 25], ["'status_changed'", 10], ["'owner_changed'", 5]],
  contacts: [["'activity_logged'", 40], ["'note_added'", 25], ["'updated'", 20], ["'status_changed'", 10], ["'owner_changed'", 5]],
  leads: [["'activity_logged'", 50], ["'status_changed'", 30], ["'updated'", 15], ["'note_added'", 5]],
  opportunities: [["'stage_changed'", 40], ["'activity_logged'", 30], ["'note_added'", 15], ["'updated'", 15]],
}
const STATUSES: Record<Entity, string[]> = { accounts: ['prospect', 'customer', 'churned'], contacts: ['subscriber', 'prospect', 'customer', 'churned'], leads: ['new', 'contacted', 'qualified', 'unqualified'], opportunities: ['open', 'won', 'lost'] }
const ACTIVITIES: [string, string][] = [['call', 'connected'], ['call', 'left_voicemail'], ['call', 'no_answer'], ['email', 'sent'], ['email', 'replied'], ['meeting', 'held'], ['meeting', 'rescheduled']]

function extraEvents({ g, b, tenant, ws, rows }: Build, e: Entity): string {
  const n = g.n[e]
  // From one value to another, never to itself.
  const change = (field: string, list: readonly unknown[]) => {
    const from = g.num(`${e}.from`, 'k', list.length)
    const to = `(${from} + 1 + ${g.num(`${e}.to`, 'k', list.length - 1)}) % ${list.length}`
    return `jsonb_build_object('changes', jsonb_build_object('${field}', jsonb_build_object('from', ${b.pick(list, 'text', from)}, 'to', ${b.pick(list, 'text', to)})))`
  }
  const activity = g.num(`${e}.activity`, 'k', ACTIVITIES.length)
  const updated = e === 'accounts' ? change('size', SIZES) : e === 'opportunities' ? change('amount', ['12000.00', '25000.00', '48000.00', '90000.00']) : change('title', TITLES)
  return `${EVENT_INSERT}
    SELECT ${tenant}, ${g.idOf(`event-${e}`, 'ms', 'k')}, '${ENTITY_TYPE[e]}', ${g.id(e, 'idx')}, kind, ${g.member(`${e}.actor`, 'k')}, ${at('ms')},
      CASE kind
        WHEN 'activity_logged' THEN jsonb_build_object('type', ${b.pick(ACTIVITIES.map((a) => a[0]), 'text', activity)}, 'outcome', ${b.pick(ACTIVITIES.map((a) => a[1]), 'text', activity)}, 'subject', ${g.pick(ACTIVITY_SUBJECTS, `${e}.subject`, 'k')})
        WHEN 'note_added' THEN jsonb_build_object('excerpt', ${g.pick(NOTE_EXCERPTS, `${e}.note`, 'k')})
        WHEN 'updated' THEN ${updated}
        WHEN 'status_changed' THEN ${change('status', STATUSES[e])}
        WHEN 'owner_changed' THEN ${change('ownerId', ws.members.map((m) => m.id))}
        ELSE ${change('stageId', ws.stages.map((s) => s.id))}
      END
    FROM ${rows('k')}
    ${lateral('x', { idx: `CASE WHEN ${g.r(`${e}.hot`, 'k')} < 0.2 THEN ${g.num(`${e}.hotRecord`, 'k', Math.max(1, Math.floor(n / 100)))} ELSE ${g.num(`${e}.record`, 'k', n)} END`, kind: g.weighted(`${e}.kind`, 'k', EVENT_KINDS[e]) })}
    ${lateral('y', { ms: g.later(`${e}.when`, 'k', g.created(e, 'idx')) })}`
}
