import { sql, type SQL } from 'drizzle-orm'
import type { CountryCode } from 'libphonenumber-js/min'
import type { DuplicateCheckQuery } from '../../../domain/dedupe/check'
import { companyDomainOf } from '../../../domain/leads/company-domain'
import { leadName } from '../../../domain/leads/lead-name'
import { normaliseEmail, normalisePhone, personName } from '../../../domain/records/normalise'
import { canSeeLeads, type Viewer } from '../../../domain/records/viewer'
import type { Db } from '../../client'
import { byEmail, keyMatch, matchOrder, visibleSql, type MatchKeys } from './attach'
import { bestMatchSql, threshold } from './fuzzy'

// The inline warning on the create forms, while the person is being typed: the record that saving
// would add to (same email or phone), or else the closest possible duplicate by name. What the
// viewer may not see is never named: an exact match is mentioned without a link, a fuzzy one not
// at all.

export type DuplicateHint = { kind: 'lead' | 'contact'; id: string; name: string; by: 'email' | 'phone' | 'name'; visible: boolean }

type Row = { id: string; first_name: string | null; last_name: string | null; email: string | null; by_email: boolean; visible: boolean }

const seen = (viewer: Viewer, kind: 'lead' | 'contact', alias: string): SQL => (kind === 'lead' && !canSeeLeads(viewer) ? sql`false` : visibleSql(alias, viewer))

function exact(db: Db, tenantId: string, viewer: Viewer, kind: 'lead' | 'contact', keys: MatchKeys) {
  const table = kind === 'lead' ? sql`leads` : sql`contacts`
  const match = keyMatch('x', keys)
  // The same records capture would attach to: live ones (contacts also not archived).
  const live = kind === 'lead' ? sql`x.merged_into_id is null` : sql`x.merged_into_id is null and x.archived_at is null`
  return db.execute<Row>(sql`select x.id, x.first_name, x.last_name, x.email, ${byEmail('x', keys)} as by_email, ${seen(viewer, kind, 'x')} as visible from ${table} x
    where x.tenant_id = ${tenantId}::uuid and ${live} and ${match ?? sql`false`} order by ${matchOrder('x', keys)} limit 1`)
}

export async function findDuplicateHint(db: Db, tenantId: string, viewer: Viewer, country: CountryCode, form: 'lead' | 'contact', q: DuplicateCheckQuery): Promise<DuplicateHint | null> {
  const keys: MatchKeys = { emailNormalized: q.email ? normaliseEmail(q.email) : null, phoneE164: q.phone ? (normalisePhone(q.phone, country)?.e164 ?? null) : null }
  const person = { firstName: q.firstName ?? null, lastName: q.lastName ?? null }
  const named = Boolean(person.firstName?.trim() || person.lastName?.trim())
  const hasKeys = Boolean(keys.emailNormalized || keys.phoneE164)
  if (!hasKeys && !named) return null
  const company = form === 'lead' ? { kind: 'lead' as const, companyName: q.companyName, companyDomain: companyDomainOf(null, q.email) } : { kind: 'contact' as const, accountId: q.accountId }
  const fuzzy = sql`select b.id, b.first_name, b.last_name, null as email, false as by_email, ${seen(viewer, form, 'b')} as visible from (${bestMatchSql(tenantId, form === 'lead' ? 'leads' : 'contacts', null, person, company)}) b`
  // Capture's order: a contact first, then a lead, then a similar name.
  const kinds: ('lead' | 'contact')[] = form === 'lead' ? ['contact', 'lead'] : ['contact']
  const [, ...results] = await db.batch([threshold(db), ...kinds.map((k) => (hasKeys ? exact(db, tenantId, viewer, k, keys) : db.execute<Row>(sql`select null where false`))), db.execute<Row>(named ? fuzzy : sql`select null where false`)])
  for (const [i, kind] of kinds.entries()) {
    const row = results[i]?.rows[0]
    if (row) return { kind, id: row.id, name: leadName({ firstName: row.first_name, lastName: row.last_name, email: row.email }), by: row.by_email ? 'email' : 'phone', visible: row.visible }
  }
  const similar = results.at(-1)?.rows[0]
  return similar?.visible ? { kind: form, id: similar.id, name: personName(similar.first_name, similar.last_name), by: 'name', visible: true } : null
}
