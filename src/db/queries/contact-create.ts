import { sql } from 'drizzle-orm'
import { contactValues, countryOf, type ContactPatch } from '../../domain/contacts/schemas'
import { CONTACT_FILL_FIELDS } from '../../domain/dedupe/capture'
import { personName } from '../../domain/records/normalise'
import type { Viewer } from '../../domain/records/viewer'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { batchLinking } from './contacts'
import { byEmail, columnName, fillDiff, fillSet, keyMatch, matchOrder, takenBySomeoneElse, visibleSql } from './dedupe/attach'
import { flagPossibleDuplicate } from './dedupe/fuzzy'
import { countryQuery } from './leads'
import { eventWhen } from './records/changes'
import { setTagsWhen } from './records/tags'

// Creating a contact from the UI or the API. Contacts have no unique index (people share office
// phones, and imports bring what they bring), so the insert is one statement that inserts only
// when no live contact has the email or phone; when it inserts nothing, the contact found gets
// the new details in its empty fields instead, as lead capture does. A similar name at the same
// account is listed for duplicate review.

export type ContactCreated = { id: string; duplicate: boolean; matchedBy?: 'email' | 'phone' }

const UUID_COLUMNS = new Set(['accountId', 'ownerId'])

type Found = { id: string; how: 'attached' | 'hidden'; by_email: boolean }

export async function createContact(db: Db, tenantId: string, viewer: Viewer, input: ContactPatch & { ownerId?: string | null }, tagNames: string[]): Promise<ContactCreated> {
  const country = input.phone ? countryOf((await countryQuery(db, tenantId))[0]?.country) : 'US'
  const { custom = {}, ...values } = contactValues(input, country)
  const id = newId()
  const t = sql`${tenantId}::uuid`
  const keys = keyMatch('c', values)
  const mine = sql`exists (select 1 from contacts where tenant_id = ${t} and id = ${id}::uuid)`
  const columns = Object.keys(values)
  const v = values as Record<string, unknown>
  const insert = db.execute(sql`insert into contacts (tenant_id, id, created_by, custom, ${sql.join(columns.map(columnName), sql`, `)})
    select ${t}, ${id}::uuid, ${viewer.userId}::uuid, ${JSON.stringify(custom)}::jsonb, ${sql.join(
      columns.map((k) => (UUID_COLUMNS.has(k) ? sql`${v[k] ?? null}::uuid` : sql`${v[k] ?? null}::text`)),
      sql`, `,
    )}
    ${keys ? sql`where not exists (select 1 from contacts c where c.tenant_id = ${t} and c.merged_into_id is null and c.archived_at is null and ${keys})` : sql``}
    returning id`)
  const attach = keys
    ? [
        db.execute<Found>(sql`with contact as (select c.*, ${visibleSql('c', viewer)} as visible, ${byEmail('c', values)} as by_email from contacts c
            where c.tenant_id = ${t} and c.merged_into_id is null and c.archived_at is null and ${keys} and not ${mine}
            order by ${matchOrder('c', values)} limit 1),
          filled as (update contacts r set ${fillSet(v, CONTACT_FILL_FIELDS, {}, custom)} from contact t
            where r.tenant_id = ${t} and r.id = t.id and t.visible returning r.id, t.by_email, ${fillDiff(v, CONTACT_FILL_FIELDS, {})} as changes),
          event as (insert into activity_events (tenant_id, id, entity_type, entity_id, event_type, actor_user_id, occurred_at, payload)
            select ${t}, ${newId()}::uuid, 'contact', id, 'updated', ${viewer.userId}::uuid, now(), jsonb_build_object('changes', changes) from filled where changes <> '{}'::jsonb)
          select id, 'attached' as how, by_email from filled union all select id, 'hidden', by_email from contact where not visible`),
      ]
    : []
  const results = await batchLinking(() =>
    db.batch([
      insert,
      eventWhen(db, tenantId, { entityType: 'contact', entityId: id, eventType: 'created', actorUserId: viewer.userId, payload: { name: personName(values.firstName ?? null, values.lastName ?? null) } }, mine),
      ...setTagsWhen(db, tenantId, 'contactId', id, tagNames, mine),
      ...attach,
    ]),
  )
  if ((results[0] as { rows: unknown[] }).rows.length) {
    await flagPossibleDuplicate(db, tenantId, id, values, { kind: 'contact', accountId: values.accountId }, null)
    return { id, duplicate: false }
  }
  const found = (results.at(-1) as { rows: Found[] }).rows[0]
  // The contact that stopped the insert was archived or merged a moment later.
  if (!found) throw new AppError('CONFLICT', 'The matching contact changed while this was saved. Try again.')
  const matchedBy = found.by_email ? 'email' : 'phone'
  if (found.how === 'hidden') throw takenBySomeoneElse('contact', matchedBy)
  return { id: found.id, duplicate: true, matchedBy }
}
