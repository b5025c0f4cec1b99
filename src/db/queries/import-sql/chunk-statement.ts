import { sql, type SQL } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import { CUSTOM_PREFIX } from '../../../domain/imports/fields'
import { writtenColumns, type PreparedRow, type RejectedRow } from '../../../domain/imports/rows'
import type { ImportEntity, ImportMode, MatchKey } from '../../../domain/imports/vocab'
import { ENTITY_SQL, joinRecord, matchSql, table } from './entities'

// The one statement that writes a chunk of an import (see writeChunk for the whole story). Each
// CTE reads the snapshot the statement started with; only the guard's row lock waits.

export type ChunkShape = {
  entity: ImportEntity
  // The record columns the mapping writes, by field key.
  columns: string[]
  owner: boolean
  account: boolean
  contact: boolean
  stage: boolean
  external: boolean
  custom: boolean
}

export type ChunkParams = {
  tenantId: string
  importId: string
  leaseId: string
  actorUserId: string
  mode: ImportMode
  matchKey: MatchKey | null
  dryRun: boolean
  expectedNextRow: number
  bytesDone: number
  leaseSeconds: number
}

export type InputRow = PreparedRow & { id: string }

const TYPES: Record<string, string> = { amount: 'numeric', closeDate: 'date' }

export function chunkShape(entity: ImportEntity, mapping: Record<string, string>): ChunkShape {
  const keys = new Set(Object.values(mapping))
  return {
    entity,
    columns: writtenColumns(entity, mapping),
    owner: keys.has('ownerEmail'),
    account: keys.has('accountName'),
    contact: keys.has('contactEmail'),
    stage: keys.has('stage'),
    external: keys.has('externalId'),
    custom: [...keys].some((k) => k.startsWith(CUSTOM_PREFIX)),
  }
}

// Bind parameters a data row may take: its id, match value, links and columns, and the reason and
// values of an error row should it be rejected for want of a name.
export const paramsPerRow = (s: ChunkShape): number => 2 + s.columns.length + [s.external, s.owner, s.account, s.account, s.contact, s.stage, s.custom].filter(Boolean).length + 2

const cell = (value: string | null | undefined, type: string): SQL => (value == null ? sql.raw(`null::${type}`) : sql`${value}::${sql.raw(type)}`)

// The VALUES of the input rows. Row numbers and flags are numbers and booleans of our own, written
// as literals; everything from the file is a parameter.
function inputRow(s: ChunkShape, r: InputRow | null): SQL {
  const custom = r && Object.keys(r.custom).length ? JSON.stringify(r.custom) : null
  const cells = [
    sql.raw(r ? `${r.row}::int` : 'null::int'),
    cell(r?.id, 'uuid'),
    cell(r?.matchValue, 'text'),
    sql.raw(r?.missing ? 'true' : 'false'),
    cell(r?.externalId, 'text'),
    cell(r?.links.ownerEmail, 'text'),
    cell(r?.links.accountName, 'text'),
    cell(r?.links.accountDomain, 'text'),
    cell(r?.links.contactEmail, 'text'),
    cell(r?.links.stage, 'text'),
    cell(custom, 'jsonb'),
    ...s.columns.map((k) => cell(r?.columns[k], TYPES[k] ?? 'text')),
  ]
  return sql`(${sql.join(cells, sql`, `)})`
}

const errorRow = (e: { row: number; reason: string; values: string[] }, conditional: boolean) => sql`(${sql.raw(`${e.row}::int`)}, ${e.reason}::text, ${JSON.stringify(e.values)}::jsonb, ${sql.raw(String(conditional))})`

// An empty list still needs typed columns: one row of nulls, filtered out.
const values = (rows: SQL[], empty: SQL): { list: SQL; none: SQL } => ({ list: sql.join(rows.length ? rows : [empty], sql`, `), none: rows.length ? sql`` : sql` and false` })

type Column = { name: string; expr: SQL; set: boolean }

// The proposed row: the file's value where the row has one, else the record's (`cur`, null for a
// new record), so NOT NULL and CHECK constraints hold for the row ON CONFLICT tests as well.
function proposedColumns(s: ChunkShape, p: ChunkParams): Column[] {
  const t = sql`${p.tenantId}::uuid`
  const defaults = ENTITY_SQL[s.entity].defaults
  const websiteGiven = s.columns.includes('website') ? sql`d.website is not null` : sql`false`
  // A deal's currency is written below, with the workspace's default for a new deal.
  const own = s.entity === 'opportunities' ? s.columns.filter((k) => k !== 'currency') : s.columns
  const out: Column[] = own.map((key) => {
    const name = toSnakeCase(key)
    let expr = sql`coalesce(${sql.raw(`d.${name}, cur.${name}`)}${sql.raw(defaults[name] ? `, ${defaults[name]}` : '')})`
    // Conversion is final: a converted lead keeps its status (its other fields are updated).
    if (s.entity === 'leads' && key === 'status') expr = sql`case when cur.status = 'converted' then cur.status else ${expr} end`
    // As leadValues does: a website's domain wins over the email's.
    if (key === 'companyDomain') expr = sql`case when not (${websiteGiven}) and cur.website is not null then cur.company_domain else ${expr} end`
    return { name, expr, set: true }
  })
  // For the proposed row's CHECK (a converted lead says what it became); never updated.
  if (s.entity === 'leads' && s.columns.includes('status')) out.push({ name: 'converted_at', expr: sql`cur.converted_at`, set: false }, { name: 'converted_contact_id', expr: sql`cur.converted_contact_id`, set: false })
  // An unknown owner email leaves a new record with the default owner, the member importing (and an
  // existing one with its owner): the row is not rejected for it.
  const member = sql`(select ms.user_id from memberships ms join users u on u.id = ms.user_id where ms.tenant_id = ${t} and ms.deactivated_at is null and u.email = d._owner)`
  out.push({ name: 'owner_id', expr: sql`coalesce(${s.owner ? member : sql`null`}, case when cur.id is null then ${p.actorUserId}::uuid else cur.owner_id end)`, set: true })
  if (s.account) {
    const account = sql`(select a.id from accounts a where a.tenant_id = ${t} and a.archived_at is null and (a.domain = d._acct_domain or lower(a.name) = lower(d._acct))
      order by (a.domain = d._acct_domain) is true desc, a.created_at, a.id limit 1)`
    out.push({ name: 'account_id', expr: sql`coalesce(${account}, cur.account_id)`, set: true })
  }
  if (s.contact) {
    const contact = sql`(select c.id from contacts c where c.tenant_id = ${t} and c.email_normalized = d._contact and c.merged_into_id is null and c.archived_at is null order by c.created_at, c.id limit 1)`
    out.push({ name: 'contact_id', expr: sql`coalesce(${contact}, cur.contact_id)`, set: true })
  }
  if (s.entity === 'opportunities') {
    const currency = s.columns.includes('currency') ? sql`d.currency, ` : sql``
    const moved = sql`(st.id is not null and st.id is distinct from cur.stage_id)`
    out.push(
      { name: 'currency', expr: sql`coalesce(${currency}cur.currency, (select default_currency from tenants where id = ${t}))`, set: true },
      { name: 'pipeline_id', expr: sql`coalesce(st.pipeline_id, cur.pipeline_id)`, set: true },
      { name: 'stage_id', expr: sql`coalesce(st.id, cur.stage_id)`, set: true },
      // As creating a deal does: a deal entering a stage takes its probability.
      { name: 'probability', expr: sql`case when ${moved} then st.probability else cur.probability end`, set: true },
      { name: 'stage_entered_at', expr: sql`case when ${moved} then now() else cur.stage_entered_at end`, set: true },
    )
  }
  if (s.custom) out.push({ name: 'custom', expr: sql`coalesce(cur.custom, '{}'::jsonb) || coalesce(d._custom, '{}'::jsonb)`, set: true })
  return out
}

const INPUT_COLUMNS = ['_row', '_id', '_mv', '_missing', '_ext', '_owner', '_acct', '_acct_domain', '_contact', '_stage', '_custom']

// How a row is decided, first rule first: a second row for the same record, or a match value (or
// record) this import already wrote, is a duplicate; then the mode; then, for leads, what the
// unique keys would refuse; a row that cannot make a record for want of a name is rejected.
function decision(s: ChunkShape, p: ChunkParams): SQL {
  const t = sql`${p.tenantId}::uuid`
  const seen = (on: SQL) => sql`exists (select 1 from import_changes c where c.tenant_id = ${t} and c.import_id = ${p.importId}::uuid and ${on})`
  const rules: SQL[] = [
    sql`when m._match is not null and row_number() over (partition by m._match order by m._row) > 1 then 'skip'`,
    sql`when m._mv is not null and ${seen(sql`c.match_value = m._mv`)} then 'skip'`,
    sql`when m._match is not null and ${seen(sql`c.entity_id = m._match`)} then 'skip'`,
  ]
  if (p.mode === 'create') rules.push(sql`when m._match is not null then 'skip'`)
  if (p.mode === 'update') rules.push(sql`when m._match is null then 'skip'`)
  if (s.entity === 'leads') {
    // Another live lead holds the email or phone (it did not match by the chosen key), or a live
    // contact does: capture would not make a lead of that person either.
    for (const key of ['email_normalized', 'phone_e_164'].filter((k) => s.columns.map(toSnakeCase).includes(k))) {
      const k = sql.raw(key)
      rules.push(sql`when m.${k} is not null and exists (select 1 from leads o where o.tenant_id = ${t} and o.${k} = m.${k} and o.merged_into_id is null and o.id is distinct from m._match) then 'skip'`)
      rules.push(sql`when m._match is null and m.${k} is not null and exists (select 1 from contacts o where o.tenant_id = ${t} and o.${k} = m.${k} and o.merged_into_id is null and o.archived_at is null) then 'skip'`)
    }
  }
  rules.push(sql`when m._match is null and m._missing then 'reject'`, sql`when m._match is null then 'insert'`, sql`else 'update'`)
  return sql`case ${sql.join(rules, sql` `)} end`
}

export function chunkStatement(s: ChunkShape, p: ChunkParams, rows: InputRow[], rejected: RejectedRow[], total: number): SQL {
  const t = sql`${p.tenantId}::uuid`
  const imp = sql`${p.importId}::uuid`
  const tbl = table(s.entity)
  const names = [...INPUT_COLUMNS, ...s.columns.map(toSnakeCase)]
  const input = values(
    rows.map((r) => inputRow(s, r)),
    inputRow(s, null),
  )
  const errors = values(
    [...rejected.map((e) => errorRow(e, false)), ...rows.flatMap((r) => (r.missing ? [errorRow({ row: r.row, reason: r.missing, values: r.values }, true)] : []))],
    sql`(null::int, null::text, null::jsonb, false)`,
  )
  const match = p.matchKey ? matchSql(s.entity, p.matchKey, p.tenantId, sql`i._mv`) : sql`null::uuid`
  const cols = proposedColumns(s, p)
  const colList = sql.raw(cols.map((c) => c.name).join(', '))
  const setCols = cols.filter((c) => c.set).map((c) => c.name)
  const before = sql.raw(`jsonb_build_object(${[...setCols, 'updated_at'].map((c) => `'${c}', cur.${c}`).join(', ')})`)
  const stage =
    s.entity === 'opportunities'
      ? sql`left join lateral (select st.id, st.pipeline_id, st.probability from pipeline_stages st
          where st.tenant_id = ${t} and st.pipeline_id = (select p.id from pipelines p where p.tenant_id = ${t} order by p.position, p.created_at, p.id limit 1)
            and (lower(st.name) = lower(d._stage) or cur.id is null)
          order by (lower(st.name) = lower(d._stage)) is true desc, st.position limit 1) st on true`
      : sql``
  const ctes: SQL[] = [
    sql`guard as (select 1 from imports where tenant_id = ${t} and id = ${imp} and lease_id = ${p.leaseId}::uuid and next_row = ${p.expectedNextRow}::int for update)`,
    sql`input as (select * from (values ${input.list}) as v(${sql.raw(names.join(', '))}) where exists (select 1 from guard)${input.none})`,
    sql`err_in as (select * from (values ${errors.list}) as e(_row, reason, vals, conditional) where exists (select 1 from guard)${errors.none})`,
    sql`matched as materialized (select i.*, ${match} as _match from input i)`,
    sql`decided as (select m.*, ${decision(s, p)} as _action from matched m)`,
    sql`proposed as (select d._row, coalesce(d._match, d._id) as id, d._action, d._mv, d._ext, ${sql.join(
      cols.map((c) => sql`${c.expr} as ${sql.raw(c.name)}`),
      sql`, `,
    )}, case when d._action = 'update' then ${before} end as _before
      from decided d ${joinRecord(s.entity, p.tenantId, sql`d._match`, 'cur')} ${stage}
      where d._action in ('insert', 'update'))`,
  ]
  if (p.dryRun) {
    ctes.push(sql`outcome as (select _row, id, _mv, _ext, case when _action = 'insert' then 'inserted' else 'updated' end as action, null::jsonb as before, now() as written_at from proposed)`)
  } else {
    ctes.push(
      sql`written as (insert into ${tbl} as r (tenant_id, id, created_by, ${colList})
        select ${t}, id, ${p.actorUserId}::uuid, ${colList} from proposed
        on conflict (tenant_id, id) do update set ${sql.raw(setCols.map((c) => `${c} = excluded.${c}`).join(', '))}, updated_at = now()
        returning r.id, r.updated_at, (r.xmax = 0) as inserted)`,
      // The action as it happened: a record deleted since the snapshot is inserted again.
      sql`outcome as (select p._row, w.id, p._mv, p._ext, case when w.inserted then 'inserted' else 'updated' end as action,
        case when not w.inserted then p._before end as before, w.updated_at as written_at from written w join proposed p on p.id = w.id)`,
      sql`ext as (insert into record_external_ids (tenant_id, entity, external_id, record_id)
        select ${t}, ${s.entity}, _ext, id from outcome where action = 'inserted' and _ext is not null on conflict do nothing)`,
      sql`events as (insert into activity_events (tenant_id, id, entity_type, entity_id, event_type, actor_user_id, occurred_at, payload)
        select ${t}, gen_random_uuid(), ${ENTITY_SQL[s.entity].type}, id, 'imported', ${p.actorUserId}::uuid, now(), jsonb_build_object('importId', ${p.importId}::text, 'row', _row) from outcome)`,
    )
  }
  ctes.push(
    sql`changes as (insert into import_changes (tenant_id, import_id, row_number, entity_id, action, match_value, before, written_at)
      select ${t}, ${imp}, _row, id, action, _mv, before, written_at from outcome returning action)`,
    sql`errs as (insert into import_errors (tenant_id, import_id, row_number, reason, "values")
      select ${t}, ${imp}, e._row, e.reason, array(select jsonb_array_elements_text(e.vals)) from err_in e
      where not e.conditional or exists (select 1 from decided d where d._row = e._row and d._action = 'reject') returning 1)`,
    sql`counts as (select (select count(*) from changes where action = 'inserted')::int as inserted, (select count(*) from changes where action = 'updated')::int as updated, (select count(*) from errs)::int as rejected)`,
    sql`progress as (update imports m set next_row = m.next_row + ${total}::int, inserted = m.inserted + c.inserted, updated = m.updated + c.updated, rejected = m.rejected + c.rejected,
        skipped = m.skipped + ${total}::int - c.inserted - c.updated - c.rejected, bytes_done = ${p.bytesDone}::bigint,
        lease_until = now() + ${p.leaseSeconds}::int * interval '1 second', updated_at = now()
      from counts c where m.tenant_id = ${t} and m.id = ${imp} and exists (select 1 from guard) returning 1)`,
  )
  return sql`with ${sql.join(ctes, sql`, `)} select (select count(*) from progress)::int as committed, c.* from counts c`
}
