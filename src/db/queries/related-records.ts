import { and, sql, type SQL } from 'drizzle-orm'
import { canSeeLeads, seesOnlyOwn, type Viewer } from '../../domain/records/viewer'
import { RELATED_TYPES, type RelatedType } from '../../domain/records/vocab'
import { NO_SUCH_RECORD, type RelatedRef } from '../../domain/related/related'
import { AppError, type FieldError } from '../../lib/errors'
import type { Db } from '../client'
import { foreignKeyViolation } from '../errors'
import { accounts, contacts } from '../schema'

// What tasks, notes and activities share about the record they hang off: its name, whether the
// viewer may see it, and the side effects of logging contact with it.

const TABLE_NAMES: Record<RelatedType, string> = { account: 'accounts', contact: 'contacts', lead: 'leads', opportunity: 'opportunities' }
const LINK_COLUMNS: Record<RelatedType, string> = { account: 'account_id', contact: 'contact_id', lead: 'lead_id', opportunity: 'opportunity_id' }

// Names as the record pages show them: a person by name, else email (a lead also by company).
// Written against the alias "r", because drizzle renders the columns of a single-table select
// unqualified, and inside a correlated subquery an unqualified column means the inner table's.
const NAMES: Record<RelatedType, SQL<string>> = {
  account: sql<string>`r.name`,
  contact: sql<string>`coalesce(nullif(concat_ws(' ', r.first_name, r.last_name), ''), r.email, '(no name)')`,
  lead: sql<string>`coalesce(nullif(concat_ws(' ', r.first_name, r.last_name), ''), r.company_name, r.email, '(no name)')`,
  opportunity: sql<string>`r.name`,
}

export type LinkingTable = 'tasks' | 'notes' | 'activities'

// The linked record of a row of `outer`: "from <its table> r where r is the row's link".
const linkedFrom = (outer: LinkingTable, type: RelatedType) =>
  sql`from ${sql.identifier(TABLE_NAMES[type])} r where r.tenant_id = ${sql.identifier(outer)}.tenant_id and r.id = ${sql.identifier(outer)}.${sql.identifier(LINK_COLUMNS[type])}`

// The linked record's name, as a column of a task, note or activity row (one primary-key
// lookup per row; only one of the four links is ever set).
export const relatedName = (outer: LinkingTable) =>
  sql<string | null>`coalesce(${sql.join(
    RELATED_TYPES.map((type) => sql`(select ${NAMES[type]} ${linkedFrom(outer, type)})`),
    sql`, `,
  )})`

// Notes and activities are as visible as the record they are on: support never sees the sales
// funnel's leads, and a rep in "own" mode sees only what hangs off records they own.
export function relatedVisible(outer: LinkingTable, viewer: Viewer): SQL | undefined {
  const noLeads = canSeeLeads(viewer) ? undefined : sql`${sql.identifier(outer)}.lead_id is null`
  const owned = seesOnlyOwn(viewer) ? sql`(${sql.join(RELATED_TYPES.map((type) => sql`exists (select 1 ${linkedFrom(outer, type)} and r.owner_id = ${viewer.userId})`), sql` or `)})` : undefined
  return and(noLeads, owned)
}

// The record a new task, note or activity is about, if this viewer may see it: the statement to
// batch with whatever else the write needs to check first.
export function relatedLookup(db: Db, tenantId: string, viewer: Viewer, ref: RelatedRef) {
  const hidden = ref.type === 'lead' && !canSeeLeads(viewer)
  return db
    .select({ id: sql<string>`r.id`, name: NAMES[ref.type] })
    .from(sql`${sql.identifier(TABLE_NAMES[ref.type])} r`)
    .where(and(sql`r.tenant_id = ${tenantId} and r.id = ${ref.id}`, seesOnlyOwn(viewer) ? sql`r.owner_id = ${viewer.userId}` : undefined, hidden ? sql`false` : undefined))
}

export const noSuchRecord = () => new AppError('VALIDATION', 'Some fields need attention.', [NO_SUCH_RECORD])

// A link that fails its composite foreign key names another workspace's (or a deleted) record:
// a 422 on the field, not a 500. Anything else is rethrown as it was.
export function linkFailure(err: unknown, fields: Record<string, FieldError>): unknown {
  const constraint = foreignKeyViolation(err)
  if (constraint === null) return err
  const field = Object.entries(fields).find(([name]) => constraint.includes(name))?.[1] ?? NO_SUCH_RECORD
  return new AppError('VALIDATION', 'Some fields need attention.', [field])
}

// Contact made at `at`: the record's last_contacted_at moves forward, never back (an old call
// logged late must not hide a newer one). A contact's account counts as contacted too.
// updated_at is left alone: it is the record's edit version, and this is not an edit.
export function touchLastContacted(db: Db, tenantId: string, ref: RelatedRef, at: Date, condition: SQL = sql`true`) {
  const iso = at.toISOString()
  const statements = [
    db.execute(sql`update ${sql.identifier(TABLE_NAMES[ref.type])} set last_contacted_at = greatest(last_contacted_at, ${iso}::timestamptz) where tenant_id = ${tenantId} and id = ${ref.id} and ${condition}`),
  ]
  if (ref.type === 'contact') {
    statements.push(
      db.execute(
        sql`update ${accounts} set last_contacted_at = greatest(last_contacted_at, ${iso}::timestamptz) where tenant_id = ${tenantId} and id = (select account_id from ${contacts} where tenant_id = ${tenantId} and id = ${ref.id}) and ${condition}`,
      ),
    )
  }
  return statements
}
