// The plan of every kind of search on the PostgreSQL server (TEST_DATABASE_URL), with enough rows
// that the planner's choice means something: one workspace of 60k contacts among two of 20k, with
// their accounts, leads, deals and notes, analysed. Each branch must read the index meant for it,
// and no record table may be scanned whole. PGlite's planner is the same, but its plans are not
// what production gets: there the test is skipped. The rows stay until the run's database is
// dropped (deleting 300k rows took longer than the test); every other test is workspace-scoped.
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { searchStatement } from '../../src/db/queries/search'
import type { Viewer } from '../../src/domain/records/viewer'
import { planSearch, RECORD_SEARCH_TYPES, type SearchType } from '../../src/domain/search/query'
import { testDb, testEnv } from '../helpers/app'

// The connection string the test harness gives PGlite runs (test/node/harness/test-backend.ts).
const onServer = testEnv.DATABASE_URL !== 'postgres://crm:crm@localhost:5432/crm'
const RECORD_TABLES = ['accounts', 'contacts', 'leads', 'opportunities', 'notes']

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)]

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra']
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Lovelace', 'Turing', 'Hopper', 'Curie', 'Noether']
// A name from a list, picked by a hash of the row number: spread like real names, same every run.
const pick = (list: string[], salt: number) => sql.raw(`(array[${list.map((n) => `'${n}'`).join(',')}])[1 + abs(hashint4(g * ${salt})) % ${list.length}]`)

const db = testDb()

// One INSERT … SELECT over generate_series per table: contacts, half as many leads and deals, a
// third as many accounts, and a note on every contact whose first name comes before K.
async function seed(tenantId: string, ownerId: string, contacts: number) {
  const phone = sql.raw(`'1415' || (200 + g / 10000) || lpad((g % 10000)::text, 4, '0')`)
  const email = sql.raw(`lower(f || '.' || l || g || '@example' || (g % 50) || '.com')`)
  await db.execute(sql`insert into contacts (tenant_id, id, first_name, last_name, email, email_normalized, phone, phone_e_164, phone_digits, owner_id, archived_at)
    select ${tenantId}::uuid, gen_random_uuid(), f, l, ${email}, ${email}, '+' || ${phone}, '+' || ${phone}, ${phone}, ${ownerId}::uuid, case when g % 40 = 0 then now() end
    from generate_series(1, ${sql.raw(String(contacts))}) g, lateral (select ${pick(FIRST, 7)} f, ${pick(LAST, 13)} l) n`)
  await db.execute(sql`insert into leads (tenant_id, id, first_name, last_name, email, email_normalized, phone, phone_e_164, phone_digits, company_name, company_domain, owner_id)
    select ${tenantId}::uuid, gen_random_uuid(), f, l, ${email}, ${email}, '+' || ${phone}, '+' || ${phone}, ${phone}, l || ' Holdings ' || g, lower(l || g) || '.example', ${ownerId}::uuid
    from generate_series(1, ${sql.raw(String(contacts / 2))}) g, lateral (select ${pick(FIRST, 23)} f, ${pick(LAST, 29)} l) n`)
  await db.execute(sql`insert into accounts (tenant_id, id, name, domain, owner_id) select ${tenantId}::uuid, gen_random_uuid(), l || ' Industries ' || g, lower(l) || g || '.example', ${ownerId}::uuid
    from generate_series(1, ${sql.raw(String(Math.floor(contacts / 3)))}) g, lateral (select ${pick(LAST, 17)} l) n`)
  await db.execute(sql`with p as (insert into pipelines (tenant_id, id, name) values (${tenantId}::uuid, gen_random_uuid(), 'Sales') returning id),
      s as (insert into pipeline_stages (tenant_id, id, pipeline_id, name, position, probability) select ${tenantId}::uuid, gen_random_uuid(), p.id, 'Qualify', 0, 10 from p returning pipeline_id, id)
    insert into opportunities (tenant_id, id, name, pipeline_id, stage_id, probability, owner_id) select ${tenantId}::uuid, gen_random_uuid(), l || ' renewal ' || g, s.pipeline_id, s.id, 10, ${ownerId}::uuid
    from s, generate_series(1, ${sql.raw(String(contacts / 2))}) g, lateral (select ${pick(LAST, 19)} l) n`)
  await db.execute(sql`insert into notes (tenant_id, id, body, contact_id, created_by)
    select tenant_id, gen_random_uuid(), 'Called about the renewal of ' || last_name || '; budget looks tight.', id, owner_id from contacts where tenant_id = ${tenantId} and first_name < 'K'`)
}

describe.skipIf(!onServer)('search query plans on the PostgreSQL server', () => {
  const tenants = { big: crypto.randomUUID(), other1: crypto.randomUUID(), other2: crypto.randomUUID() }
  const owner = crypto.randomUUID()
  const admin: Viewer = { userId: owner, role: 'admin', visibility: 'all' }
  const ownRep: Viewer = { userId: owner, role: 'rep', visibility: 'own' }

  beforeAll(async () => {
    await db.execute(sql`insert into users (id, email, name, password_hash) values (${owner}, ${`explain-${owner}@example.test`}, 'Explain', 'not-a-login')`)
    for (const [key, id] of Object.entries(tenants)) {
      await db.execute(sql`insert into tenants (id, name) values (${id}, ${`Explain ${key}`})`)
      await db.execute(sql`insert into memberships (tenant_id, user_id, role) values (${id}, ${owner}, 'admin')`)
      await seed(id, owner, key === 'big' ? 60_000 : 20_000)
    }
    // Real workspaces have tens of thousands of distinct name words; this seed's names repeat a few
    // dozen. Without a dictionary of realistic size the planner rightly reads the few words by key
    // instead of through the trigram index, which is not the plan a large workspace gets.
    await db.execute(sql`insert into search_terms (tenant_id, term) select ${tenants.big}::uuid, substr(md5(g::text), 1, 4 + g % 6) from generate_series(1, 60000) g on conflict do nothing`)
    await db.execute(sql`analyze accounts, contacts, leads, opportunities, notes, search_terms`)
  }, 600_000)

  // The statement the app sends, run and explained.
  async function explain(q: string, viewer: Viewer, types: readonly SearchType[]) {
    const statement = searchStatement(planSearch(q, 'US'), tenants.big, viewer, [...types], 10)
    if (!statement) throw new Error(`no statement for ${q}`)
    const { rows } = await db.execute<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(sql`explain (analyze, format json) ${statement}`)
    const [root] = rows[0]?.['QUERY PLAN'] ?? []
    if (!root) throw new Error('no plan')
    return { nodes: nodesOf(root.Plan), ms: root['Execution Time'] }
  }

  const CASES: { q: string; types?: readonly SearchType[]; indexes: string[] }[] = [
    { q: 'john smith', indexes: ['contacts_search_idx', 'accounts_search_idx', 'leads_search_idx', 'opportunities_search_idx', 'search_terms_tenant_id_term_pk', 'search_terms_trgm_idx'] },
    { q: 'jonh smiht', indexes: ['contacts_search_idx', 'leads_search_idx', 'search_terms_tenant_id_term_pk', 'search_terms_trgm_idx'] },
    { q: 'smith', indexes: ['contacts_search_idx', 'accounts_search_idx', 'leads_search_idx', 'opportunities_search_idx'] },
    { q: 'john s', indexes: ['contacts_search_idx', 'leads_search_idx'] },
    { q: 'j', indexes: ['contacts_first_name_prefix_idx', 'contacts_last_name_prefix_idx', 'accounts_name_prefix_idx', 'leads_first_name_prefix_idx', 'leads_last_name_prefix_idx', 'leads_company_prefix_idx', 'opportunities_name_prefix_idx'] },
    { q: 'mar', indexes: ['contacts_first_name_prefix_idx', 'contacts_last_name_prefix_idx', 'accounts_name_prefix_idx'] },
    { q: '+1 (415) 200-0042', indexes: ['contacts_phone_idx', 'leads_phone_idx'] },
    { q: '4152000042', indexes: ['contacts_phone_idx', 'leads_phone_idx'] },
    { q: 'mary.jones1@ex', indexes: ['contacts_email_idx', 'leads_email_idx'] },
    { q: 'lovelace12.ex', indexes: ['accounts_domain_idx', 'leads_company_domain_idx', 'contacts_email_idx', 'contacts_search_idx'] },
    { q: 'renewal', types: ['note'], indexes: ['notes_search_idx'] },
  ]

  for (const c of CASES) {
    for (const [who, viewer] of [
      ['an admin', admin],
      ['a rep in "own" mode', ownRep],
    ] as const) {
      it(`"${c.q}" (${c.types?.join(',') ?? 'records'}) for ${who}: each branch reads its index, no record table is scanned whole`, async () => {
        const { nodes, ms } = await explain(c.q, viewer, c.types ?? RECORD_SEARCH_TYPES)
        const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && RECORD_TABLES.includes(n['Relation Name'] ?? ''))
        expect(seqScans.map((n) => n['Relation Name'])).toEqual([])
        const used = new Set(nodes.map((n) => n['Index Name']).filter(Boolean))
        for (const index of c.indexes) expect([...used], index).toContain(index)
        console.log(`search ${JSON.stringify(c.q)} as ${who}: ${ms.toFixed(1)} ms`)
      })
    }
  }
})
