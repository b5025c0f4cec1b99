import { sql, type SQL } from 'drizzle-orm'
import { NO_COMPANY_SIMILARITY, SAME_COMPANY_SIMILARITY, type DuplicateReason } from '../../../domain/dedupe/capture'
import { newId } from '../../../lib/ids'
import type { Db } from '../../client'

// Possible duplicates: a new record whose person name is close to an older one's (pg_trgm), at the
// same company, is listed for review in duplicate_candidates; it is never merged automatically.

export type Person = { firstName?: string | null; lastName?: string | null }
export type Company = { kind: 'lead'; companyName?: string | null; companyDomain?: string | null } | { kind: 'contact'; accountId?: string | null }
export type FuzzyMatch = { id: string; reason: DuplicateReason; similarity: number }

const hasName = (p: Person) => Boolean(p.firstName?.trim() || p.lastName?.trim())

// The expression leads_name_trgm_idx and contacts_name_trgm_idx are built on, so `%` can use them.
export const nameExpr = (alias: string) => sql.raw(`lower(coalesce(${alias}.first_name, '') || ' ' || coalesce(${alias}.last_name, ''))`)
export const nameValue = (p: Person) => sql`lower(coalesce(${p.firstName ?? null}::text, '') || ' ' || coalesce(${p.lastName ?? null}::text, ''))`

// Whether `o` is at the same company as the given one, and whether either has none to compare.
function companyTests(c: Company): { same: SQL; none: SQL } {
  if (c.kind === 'contact') {
    const mine = c.accountId ?? null
    return { same: mine ? sql`o.account_id = ${mine}::uuid` : sql`false`, none: mine ? sql`o.account_id is null` : sql`true` }
  }
  const name = c.companyName?.trim().toLowerCase() || null
  const domain = c.companyDomain ?? null
  const same = [name ? sql`lower(btrim(o.company_name)) = ${name}` : null, domain ? sql`o.company_domain = ${domain}` : null].filter((s) => s !== null)
  return {
    same: same.length ? sql`(${sql.join(same, sql` or `)}) is true` : sql`false`,
    none: name || domain ? sql`(nullif(btrim(o.company_name), '') is null and o.company_domain is null)` : sql`true`,
  }
}

// Candidates among `table`'s live records in the workspace (not `id` itself): the best-scoring
// one, as (id, first_name, last_name, owner_id, reason, similarity). The `%` operator takes the trigram index; the threshold it
// uses is raised to the lower of our two bars for the transaction, so the index returns few rows.
export function bestMatchSql(tenantId: string, table: 'leads' | 'contacts', id: string | null, p: Person, c: Company): SQL {
  const { same, none } = companyTests(c)
  const extra = table === 'leads' ? sql` and o.status <> 'converted'` : sql` and o.archived_at is null`
  return sql`select m.id, m.first_name, m.last_name, m.owner_id, case when m.same then 'similar_name_same_company' else 'similar_name' end as reason, m.sim as similarity from (
      select o.id, o.first_name, o.last_name, o.owner_id, similarity(${nameExpr('o')}, ${nameValue(p)}) as sim, ${same} as same, ${none} as none
      from ${sql.identifier(table)} o
      where o.tenant_id = ${tenantId}::uuid and ${nameExpr('o')} % ${nameValue(p)} and o.merged_into_id is null${id ? sql` and o.id <> ${id}::uuid` : sql``}${extra}
    ) m
    where (m.same and m.sim >= ${SAME_COMPANY_SIMILARITY}) or (m.none and m.sim >= ${NO_COMPANY_SIMILARITY})
    order by m.same desc, m.sim desc, m.id limit 1`
}

export const threshold = (db: Db) => db.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(SAME_COMPANY_SIMILARITY)}, true)`)

// Lists the new record `id` as a possible duplicate of its best match, and marks its submission
// (if any, and only one that created the lead) 'flagged'. One round trip.
export async function flagPossibleDuplicate(db: Db, tenantId: string, id: string, p: Person, c: Company, submissionId: string | null): Promise<FuzzyMatch | null> {
  if (!hasName(p)) return null
  const table = c.kind === 'lead' ? 'leads' : 'contacts'
  const flag = submissionId
    ? sql`, flagged as (update form_submissions set outcome = 'flagged' where tenant_id = ${tenantId}::uuid and id = ${submissionId}::uuid and outcome = 'created' and exists (select 1 from best))`
    : sql``
  const [, result] = await db.batch([
    threshold(db),
    db.execute<{ id: string; reason: DuplicateReason; similarity: number }>(sql`
      with best as (${bestMatchSql(tenantId, table, id, p, c)}),
      listed as (insert into duplicate_candidates (tenant_id, id, entity_type, record_id, other_id, reason, similarity)
        select ${tenantId}::uuid, ${newId()}::uuid, ${c.kind}, ${id}::uuid, best.id, best.reason, best.similarity from best on conflict do nothing)${flag}
      select id, reason, similarity from best`),
  ])
  const row = result.rows[0]
  return row ? { id: row.id, reason: row.reason, similarity: Number(row.similarity) } : null
}
