import { sql, type SQL } from 'drizzle-orm'

// A workspace with list-sized volume for the query-plan test (views.explain.test.ts): `members`
// owners and assignees, `n` leads, contacts, deals and tasks and n/2 accounts, each written by one
// INSERT … SELECT over generate_series. Values are spread by a hash of the row number (same every
// run) across the mixes that make the planner's choice meaningful: two leads in five still open
// (the rest disqualified: closed leads pile up over the years), a quarter of the accounts
// customers, deals over two pipelines and a year either side of today, half the tasks done, a few
// records archived or unowned. Names are one word, so the search indexes and dictionary stay cheap
// to fill.

type Exec = (query: SQL) => Promise<unknown>

// 0 … k-1, spread like a random draw, from the row number g and a salt per column.
const h = (salt: number, k: number) => sql.raw(`(abs(hashint4(g * ${salt})) % ${k})`)
// The i-th member of the workspace, or nobody for one row in twenty when `unowned`.
const member = (members: string[], salt: number, unowned = true) =>
  sql`case when ${unowned ? sql`${h(salt + 1, 20)} = 0` : sql`false`} then null else (${sql.raw(`array[${members.map((m) => `'${m}'::uuid`).join(',')}]`)})[1 + ${h(salt, members.length)}] end`
const pastMinutes = (salt: number, days: number) => sql`now() - ${h(salt, days * 1440)} * interval '1 minute'`
const rows = (n: number) => sql.raw(`generate_series(1, ${n}) g`)

export async function seedVolume(exec: Exec, tenantId: string, members: string[], n: number) {
  const t = sql`${tenantId}::uuid`
  await exec(sql`insert into leads (tenant_id, id, last_name, status, score, owner_id, created_at, archived_at)
    select ${t}, gen_random_uuid(), 'Volume',
      (array['new','new','contacted','qualified','unqualified','unqualified','unqualified','unqualified','unqualified','unqualified'])[1 + ${h(3, 10)}], ${h(5, 100)}, ${member(members, 7)},
      ${pastMinutes(11, 730)}, case when ${h(13, 20)} = 0 then now() end
    from ${rows(n)}`)
  await exec(sql`insert into contacts (tenant_id, id, last_name, status, owner_id, created_at, last_contacted_at, archived_at)
    select ${t}, gen_random_uuid(), 'Volume',
      (array['subscriber','prospect','customer','churned'])[1 + ${h(17, 4)}], ${member(members, 19)},
      ${pastMinutes(23, 730)}, case when ${h(29, 3)} > 0 then ${pastMinutes(31, 365)} end, case when ${h(37, 20)} = 0 then now() end
    from ${rows(n)}`)
  await exec(sql`insert into accounts (tenant_id, id, name, status, owner_id, created_at, last_contacted_at, archived_at)
    select ${t}, gen_random_uuid(), 'Volume', (array['prospect','prospect','customer','churned'])[1 + ${h(41, 4)}], ${member(members, 43)},
      ${pastMinutes(47, 730)}, case when ${h(53, 4)} > 0 then ${pastMinutes(59, 365)} end, case when ${h(61, 20)} = 0 then now() end
    from ${rows(Math.floor(n / 2))}`)
  // Two pipelines: six stages and three. Deals fall two to one into the first.
  await exec(sql`with p as (insert into pipelines (tenant_id, id, name, position) select ${t}, gen_random_uuid(), 'Pipeline ' || i, i from generate_series(0, 1) i returning id, position)
    insert into pipeline_stages (tenant_id, id, pipeline_id, name, position, probability)
    select ${t}, gen_random_uuid(), p.id, 'Stage ' || s, s, 10 + s * 15 from p, generate_series(0, 5) s where p.position = 0 or s < 3`)
  await exec(sql`with s as (select array_agg(st.id order by p.position, st.position) ids, array_agg(st.pipeline_id order by p.position, st.position) pipes
      from pipeline_stages st join pipelines p on p.tenant_id = st.tenant_id and p.id = st.pipeline_id where st.tenant_id = ${t})
    insert into opportunities (tenant_id, id, name, amount, pipeline_id, stage_id, probability, close_date, owner_id, status, created_at, archived_at)
    select ${t}, gen_random_uuid(), 'Volume', 1000 + ${h(67, 1000)} * ${h(71, 100)}, s.pipes[1 + x.stage], s.ids[1 + x.stage], 50,
      current_date + (${h(73, 730)} - 365)::int, ${member(members, 79)}, (array['open','open','open','won','lost'])[1 + ${h(83, 5)}],
      ${pastMinutes(89, 730)}, case when ${h(97, 30)} = 0 then now() end
    from s, ${rows(n)}, lateral (select ${h(101, 9)} stage) x`)
  await exec(sql`insert into tasks (tenant_id, id, title, due_at, assignee_id, completed_at, completed_by, created_at, archived_at)
    select ${t}, gen_random_uuid(), 'Volume', case when ${h(103, 10)} > 0 then now() + (${h(107, 120 * 24)} - 60 * 24) * interval '1 hour' end,
      ${member(members, 109, false)}, d, case when d is not null then ${member(members, 113, false)} end, ${pastMinutes(127, 365)}, case when ${h(131, 50)} = 0 then now() end
    from ${rows(n)}, lateral (select case when ${h(137, 2)} = 0 then now() end d) d`)
}
