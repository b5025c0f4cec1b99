import { sql } from 'drizzle-orm'
import type { ImportEntity } from '../../domain/imports/vocab'
import type { Db } from '../client'
import { LEASE_SECONDS } from './import-chunks'
import { joinRecord, linkedSql, restorableColumns, table } from './import-sql/entities'

// Undoes up to `limit` of a completed import's changes, last row first, as ONE statement guarded
// like writeChunk (lease_id = leaseId and revert_done = expectedDone). A record the import inserted
// is deleted (counted in revert_removed), unless something links to it now (a note, task,
// activity, deal, contact, tag, submission, merge or conversion) or it changed since (updated_at <>
// written_at): then it is kept and counted in revert_kept. An updated record gets its `before` columns back (updated_at too),
// unless it changed since (kept likewise), or, for a lead, another live lead has taken the email
// or phone it would get back. External ids the import added go with their records; its
// `imported` timeline events stay, as the timeline is append-only.
//
// The changes gone through are deleted, so each chunk reads the last ones left (an offset would
// read past every change undone so far) and the undo is finished when none are left.
export type RevertContext = { tenantId: string; importId: string; leaseId: string; entity: ImportEntity; expectedDone: number }

export type RevertOutcome = { committed: boolean; done: number; removed: number; kept: number; finished: boolean }

export async function revertChunk(db: Db, ctx: RevertContext, limit: number): Promise<RevertOutcome> {
  const t = sql`${ctx.tenantId}::uuid`
  const imp = sql`${ctx.importId}::uuid`
  const tbl = table(ctx.entity)
  const cols = sql.raw(restorableColumns(ctx.entity).join(', '))
  const taken =
    ctx.entity === 'leads'
      ? sql`exists (select 1 from leads o where o.tenant_id = r.tenant_id and o.id <> r.id and o.merged_into_id is null
          and (o.email_normalized = b.before->>'email_normalized' or o.phone_e_164 = b.before->>'phone_e_164'))`
      : sql`false`
  const result = await db.execute<{ committed: number; done: number; removed: number; kept: number; finished: boolean }>(sql`with
    guard as (select 1 from imports where tenant_id = ${t} and id = ${imp} and lease_id = ${ctx.leaseId}::uuid and revert_done = ${ctx.expectedDone}::int for update),
    batch as (select c.row_number, c.entity_id, c.action, c.before, c.written_at from import_changes c
      where c.tenant_id = ${t} and c.import_id = ${imp} and exists (select 1 from guard) order by c.row_number desc limit ${limit}::int),
    state as (select b.*, r.id is not null as present,
        r.updated_at = b.written_at and not (case when b.action = 'inserted' then ${linkedSql(ctx.entity)} else ${taken} end) as free
      from batch b ${joinRecord(ctx.entity, ctx.tenantId, sql`b.entity_id`, 'r')}),
    deleted as (delete from ${tbl} r using state s
      where r.tenant_id = ${t} and r.id = s.entity_id and s.action = 'inserted' and s.free and r.updated_at = s.written_at returning r.id),
    restored as (update ${tbl} r set (${cols}) = (select ${cols} from jsonb_populate_record(r, s.before))
      from state s where r.tenant_id = ${t} and r.id = s.entity_id and s.action = 'updated' and s.free and r.updated_at = s.written_at returning r.id),
    ext as (delete from record_external_ids x using deleted d where x.tenant_id = ${t} and x.entity = ${ctx.entity} and x.record_id = d.id),
    gone as (delete from import_changes c using batch b where c.tenant_id = ${t} and c.import_id = ${imp} and c.row_number = b.row_number),
    counts as (select (select count(*) from batch)::int as done, (select count(*) from deleted)::int as removed,
        ((select count(*) from state where present) - (select count(*) from deleted) - (select count(*) from restored))::int as kept,
        not exists (select 1 from import_changes c where c.tenant_id = ${t} and c.import_id = ${imp} and c.row_number < (select min(row_number) from batch)) as finished),
    progress as (update imports m set revert_done = m.revert_done + c.done, revert_removed = m.revert_removed + c.removed, revert_kept = m.revert_kept + c.kept,
        lease_until = now() + ${LEASE_SECONDS}::int * interval '1 second', updated_at = now()
      from counts c where m.tenant_id = ${t} and m.id = ${imp} and exists (select 1 from guard) returning 1)
    select (select count(*) from progress)::int as committed, c.* from counts c`)
  const out = result.rows[0]
  if (!out?.committed) return { committed: false, done: 0, removed: 0, kept: 0, finished: false }
  return { committed: true, done: out.done, removed: out.removed, kept: out.kept, finished: out.finished }
}
