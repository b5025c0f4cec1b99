import { sql, type SQL } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import { IMPORT_FIELDS } from '../../../domain/imports/fields'
import { writtenColumns } from '../../../domain/imports/rows'
import type { ImportEntity, MatchKey } from '../../../domain/imports/vocab'
import type { EntityType } from '../../../domain/timeline/entities'

// What the import statements need to know of each record table. Raw SQL over fixed table aliases,
// as in dedupe/attach.ts: the statements are data-modifying CTEs that drizzle's builder cannot
// express. Nothing here comes from the file.

type Spec = {
  type: EntityType
  // Contacts and leads merged into another are gone; an archived contact is not matched by email
  // or phone either (leads are, as their unique keys still hold them).
  live: (a: string) => string
  // NOT NULL columns with a default, which a new record takes when the row leaves them blank.
  defaults: Record<string, string>
  // What may link to such a record: undo keeps a record anything links to now.
  references: string[]
}

const related = (column: string) => ['activities', 'notes', 'tasks', 'record_tags'].map((t) => `${t} x where x.${column} = r.id`)
const people = (type: 'contact' | 'lead') => [`duplicate_candidates x where x.entity_type = '${type}' and r.id in (x.record_id, x.other_id)`, `record_merges x where x.entity_type = '${type}' and r.id in (x.winner_id, x.loser_id)`]

export const ENTITY_SQL: Record<ImportEntity, Spec> = {
  accounts: {
    type: 'account',
    live: () => 'true',
    defaults: { status: `'prospect'` },
    references: [...related('account_id'), 'opportunities x where x.account_id = r.id', 'contacts x where x.account_id = r.id', 'leads x where x.converted_account_id = r.id'],
  },
  contacts: {
    type: 'contact',
    live: (a) => `${a}.merged_into_id is null and ${a}.archived_at is null`,
    defaults: { status: `'prospect'` },
    references: [
      ...related('contact_id'),
      'opportunities x where x.contact_id = r.id',
      'leads x where x.converted_contact_id = r.id',
      'form_submissions x where x.contact_id = r.id',
      'contacts x where x.merged_into_id = r.id',
      ...people('contact'),
    ],
  },
  leads: {
    type: 'lead',
    live: (a) => `${a}.merged_into_id is null`,
    defaults: { status: `'new'` },
    references: [...related('lead_id'), 'form_submissions x where x.lead_id = r.id', 'leads x where x.merged_into_id = r.id', ...people('lead')],
  },
  opportunities: {
    type: 'opportunity',
    live: () => 'true',
    defaults: {},
    references: [...related('opportunity_id'), 'leads x where x.converted_opportunity_id = r.id'],
  },
}

export const table = (entity: ImportEntity) => sql.identifier(entity)

// The record with this id (or nulls) as `alias`, read by its primary key row by row whatever the
// table's statistics say: LIMIT keeps the planner from making it a scan of the workspace's records.
export const joinRecord = (entity: ImportEntity, tenantId: string, id: SQL, alias: string): SQL =>
  sql`left join lateral (select * from ${table(entity)} x where x.tenant_id = ${tenantId}::uuid and x.id = ${id} limit 1) ${sql.raw(alias)} on true`

// True when something links to the record `r` (same tenant, by the composite foreign keys).
export const linkedSql = (entity: ImportEntity): SQL => sql.raw(ENTITY_SQL[entity].references.map((from) => `exists (select 1 from ${from} and x.tenant_id = r.tenant_id)`).join(' or '))

const LINK_COLUMNS: Record<ImportEntity, string[]> = { accounts: [], contacts: ['account_id'], leads: [], opportunities: ['account_id', 'contact_id', 'pipeline_id', 'stage_id', 'probability', 'stage_entered_at'] }

// Every column an import of this entity can write, whatever the mapping: what undo may put back.
export function restorableColumns(entity: ImportEntity): string[] {
  const everything = Object.fromEntries(IMPORT_FIELDS[entity].map((f) => [f.key, f.key]))
  return [...writtenColumns(entity, everything).map((k) => toSnakeCase(k)), ...LINK_COLUMNS[entity], 'owner_id', 'custom', 'updated_at']
}

const MATCH_COLUMN: Record<Exclude<MatchKey, 'external_id'>, string> = { email: 'email_normalized', phone: 'phone_e_164', domain: 'domain' }

// The record a row's match value names, as a scalar subquery: the oldest live record with that
// email, phone or domain, or the one its external id was recorded for (a merged-away contact or
// lead stands for the record it was merged into).
export function matchSql(entity: ImportEntity, key: MatchKey, tenantId: string, value: SQL): SQL {
  const t = sql`${tenantId}::uuid`
  const spec = ENTITY_SQL[entity]
  if (key === 'external_id') {
    const id = entity === 'contacts' || entity === 'leads' ? sql`coalesce(x.merged_into_id, x.id)` : sql`x.id`
    return sql`(select ${id} from record_external_ids e join ${table(entity)} x on x.tenant_id = e.tenant_id and x.id = e.record_id
      where e.tenant_id = ${t} and e.entity = ${entity} and e.external_id = ${value})`
  }
  // Accounts are matched archived or not, live ones first.
  const order = entity === 'accounts' ? sql`x.archived_at nulls first, ` : sql``
  return sql`(select x.id from ${table(entity)} x where x.tenant_id = ${t} and x.${sql.raw(MATCH_COLUMN[key])} = ${value} and ${sql.raw(spec.live('x'))}
    order by ${order}x.created_at, x.id limit 1)`
}
