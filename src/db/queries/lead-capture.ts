import { sql, type SQL } from 'drizzle-orm'
import { countryOf } from '../../domain/contacts/schemas'
import { captureRow, CONTACT_FILL_FIELDS, type CaptureInput, LEAD_FILL_FIELDS, routingFacts, submittedValues, type CaptureRow } from '../../domain/dedupe/capture'
import type { SpamVerdict, SubmissionFields } from '../../domain/forms/submissions'
import { leadName } from '../../domain/leads/lead-name'
import type { Viewer } from '../../domain/records/viewer'
import type { LeadStatus } from '../../domain/records/vocab'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { uniqueViolation } from '../errors'
import { byEmail, columnName, fillDiff, fillSet, keyMatch, matchOrder, takenBySomeoneElse, visibleSql } from './dedupe/attach'
import { flagPossibleDuplicate } from './dedupe/fuzzy'
import { countryQuery } from './leads'
import { setTagsWhen } from './records/tags'
import { assignRoutedOwner } from './routing'

// Lead capture: one entry point for form submissions, quarantine releases, and UI/API creates.
//
// Never check first and then insert. One db.batch (one READ COMMITTED transaction):
//  1. INSERT the lead ... WHERE no live contact has its email or phone, ON CONFLICT DO NOTHING:
//     the unique indexes on (tenant, email) and (tenant, phone) of live leads decide, so of 20
//     simultaneous submissions of one address exactly one inserts; the others wait for it to
//     commit and then do nothing.
//  2. One statement (its own, later snapshot, which sees that committed lead): the target is the
//     lead we inserted, else the matching contact, else the matching lead (email before phone);
//     an existing one gets its empty fields filled (and is restored if archived); the submission
//     row and the timeline events are written against it.
// Then, for a new lead only: routing (when no owner was fixed) and the fuzzy duplicate check.

// Lead values already validated from the form's mapped fields (or a LeadInput).
export type CaptureValues = CaptureInput

// The submission row written in the same batch as the lead (outcome and lead/contact are filled
// in by captureLead), or an existing quarantined submission being released.
export type SubmissionRecord = ({ kind: 'new'; verdict: SpamVerdict } & SubmissionFields) | { kind: 'release'; id: string; formId: string }

export type CaptureRequest = {
  values: CaptureValues
  // The form it came through: routing can test it, and the submission links to it.
  formId?: string | null
  // A fixed owner (the form's, or the one chosen in the UI/API); undefined lets routing choose.
  ownerId?: string | null
  tags?: string[]
  submission?: SubmissionRecord
  // Null for public form submissions.
  actorUserId: string | null
  // A new lead's status (UI and API creates may set one); an existing lead keeps its own.
  status?: LeadStatus
  // UI and API creates: the person creating. A match they may not see (a rep in "own" mode, a
  // record owned by someone else) is not changed, and the create is refused on the field.
  viewer?: Viewer
}

export type CaptureResult = {
  outcome: 'created' | 'attached' | 'flagged'
  leadId: string | null
  contactId: string | null
  ownerId: string | null
  // For an attach: whether the email or the phone matched.
  matchedBy?: 'email' | 'phone'
}

type Target = { kind: 'lead' | 'contact'; id: string; owner_id: string | null; how: 'created' | 'attached' | 'hidden'; by_email: boolean }

// A lost race (the lead we conflicted with was merged before we read it, or someone took its
// email first) leaves nothing written; the whole capture runs again.
const ATTEMPTS = 3

export async function captureLead(db: Db, tenantId: string, req: CaptureRequest): Promise<CaptureResult> {
  const country = req.values.phone ? countryOf((await countryQuery(db, tenantId))[0]?.country) : 'US'
  const row = captureRow(req.values, country, req.submission !== undefined)
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const target = await writeCapture(db, tenantId, req, row).catch((err) => {
      if (attempt < ATTEMPTS && ['leads_email_key', 'leads_phone_key'].includes(uniqueViolation(err) ?? '')) return 'again' as const
      throw err
    })
    if (target === 'again') continue
    if (target) return afterCapture(db, tenantId, req, row, target)
    if (req.submission?.kind === 'release') throw new AppError('CONFLICT', 'This submission was already released or deleted.')
  }
  throw new AppError('CONFLICT', 'The matching record changed while this was saved. Try again.')
}

async function writeCapture(db: Db, tenantId: string, req: CaptureRequest, row: CaptureRow): Promise<Target | null> {
  const id = newId()
  const sub = req.submission
  const t = sql`${tenantId}::uuid`
  // A release first takes the submission out of quarantine (in the insert's statement, whatever
  // the insert does); only the request that did so goes on, so a double release makes one lead.
  const release = sub?.kind === 'release'
  const claim = release ? sql`with claim as (update form_submissions set outcome = 'released' where tenant_id = ${t} and id = ${sub.id}::uuid and outcome = 'quarantined' returning id) ` : sql``
  const gate = release ? sql`exists (select 1 from form_submissions where tenant_id = ${t} and id = ${sub.id}::uuid and outcome = 'released' and lead_id is null and contact_id is null)` : sql`true`
  const contactKeys = keyMatch('c', row)
  const noContact = contactKeys ? sql`not exists (select 1 from contacts c where c.tenant_id = ${t} and c.merged_into_id is null and c.archived_at is null and ${contactKeys})` : sql`true`
  const columns = Object.keys(row).filter((k) => k !== 'custom')
  const insert = db.execute(sql`${claim}insert into leads (tenant_id, id, status, owner_id, created_by, custom, ${sql.join(columns.map(columnName), sql`, `)})
    select ${t}, ${id}::uuid, ${req.status ?? 'new'}, ${req.ownerId ?? null}::uuid, ${req.actorUserId}::uuid, ${JSON.stringify(row.custom)}::jsonb, ${sql.join(
      columns.map((k) => sql`${(row as Record<string, unknown>)[k] ?? null}::text`),
      sql`, `,
    )}
    where ${noContact}${release ? sql` and exists (select 1 from claim)` : sql``}
    on conflict do nothing`)
  const tags = req.tags?.length ? setTagsWhen(db, tenantId, 'leadId', id, req.tags, sql`exists (select 1 from leads where tenant_id = ${t} and id = ${id}::uuid)`) : []
  const [, found] = await db.batch([insert, db.execute<Target>(targetStatement(tenantId, id, req, row, gate)), ...tags])
  return found.rows[0] ?? null
}

// Statement 2: find the target, fill it, record the submission and the events; returns the target.
function targetStatement(tenantId: string, id: string, req: CaptureRequest, row: CaptureRow, gate: SQL): SQL {
  const t = sql`${tenantId}::uuid`
  const sub = req.submission
  const ctes: SQL[] = [sql`fresh as (select l.id, l.owner_id from leads l where l.tenant_id = ${t} and l.id = ${id}::uuid)`]
  const targets: SQL[] = [sql`select 'lead' as kind, id, owner_id, 'created' as how, false as by_email, false as was_archived, '{}'::jsonb as changes from fresh`]
  const contactKeys = keyMatch('c', row)
  const leadKeys = keyMatch('l', row)
  if (contactKeys && leadKeys) {
    const v = row as Record<string, unknown>
    // Another live lead may already hold the address a phone match would give this one.
    const free = (col: string, value: unknown) => sql`not exists (select 1 from leads o where o.tenant_id = ${t} and o.${sql.raw(col)} = ${value}::text and o.merged_into_id is null)`
    const guards = { email: free('email_normalized', row.emailNormalized), phone: free('phone_e_164', row.phoneE164) }
    ctes.push(
      sql`contact as (select c.*, ${visibleSql('c', req.viewer)} as visible, ${byEmail('c', row)} as by_email from contacts c
        where c.tenant_id = ${t} and c.merged_into_id is null and c.archived_at is null and ${contactKeys} and ${gate} and not exists (select 1 from fresh)
        order by ${matchOrder('c', row)} limit 1)`,
      sql`lead as (select l.*, ${visibleSql('l', req.viewer)} as visible, ${byEmail('l', row)} as by_email from leads l
        where l.tenant_id = ${t} and l.merged_into_id is null and ${leadKeys} and ${gate} and not exists (select 1 from fresh) and not exists (select 1 from contact)
        order by ${matchOrder('l', row)} limit 1)`,
      sql`contact_filled as (update contacts r set ${fillSet(v, CONTACT_FILL_FIELDS, {}, row.custom)} from contact t
        where r.tenant_id = ${t} and r.id = t.id and t.visible returning r.id, r.owner_id, t.by_email, ${fillDiff(v, CONTACT_FILL_FIELDS, {})} as changes)`,
      sql`lead_filled as (update leads r set ${fillSet(v, LEAD_FILL_FIELDS, guards, row.custom)}, archived_at = null from lead t
        where r.tenant_id = ${t} and r.id = t.id and t.visible returning r.id, r.owner_id, t.by_email, t.archived_at is not null as was_archived, ${fillDiff(v, LEAD_FILL_FIELDS, guards)} as changes)`,
    )
    targets.push(
      sql`select 'lead', id, owner_id, 'attached', by_email, was_archived, changes from lead_filled`,
      sql`select 'contact', id, owner_id, 'attached', by_email, false, changes from contact_filled`,
      sql`select 'lead', id, owner_id, 'hidden', by_email, false, '{}'::jsonb from lead where not visible`,
      sql`select 'contact', id, owner_id, 'hidden', by_email, false, '{}'::jsonb from contact where not visible`,
    )
  }
  ctes.push(sql`target as (${sql.join(targets, sql` union all `)})`)
  if (sub?.kind === 'new') {
    ctes.push(sql`submission as (insert into form_submissions (tenant_id, id, form_id, payload, origin, referrer, utm, consent_text, consent_given, ip_hash, verdict, spam_reasons, outcome, lead_id, contact_id)
      select ${t}, ${sub.id}::uuid, ${sub.formId}::uuid, ${JSON.stringify(sub.payload)}::jsonb, ${sub.origin}, ${sub.referrer}, ${JSON.stringify(sub.utm)}::jsonb, ${sub.consentText}, ${sub.consentGiven}::boolean, ${sub.ipHash}, ${sub.verdict},
        array(select jsonb_array_elements_text(${JSON.stringify(sub.spamReasons)}::jsonb)), case when how = 'created' then 'created' else 'attached' end,
        case when kind = 'lead' then id end, case when kind = 'contact' then id end
      from target where how <> 'hidden')`)
  } else if (sub?.kind === 'release') {
    ctes.push(sql`submission as (update form_submissions s set lead_id = case when x.kind = 'lead' then x.id end, contact_id = case when x.kind = 'contact' then x.id end
      from target x where s.tenant_id = ${t} and s.id = ${sub.id}::uuid and x.how <> 'hidden')`)
  }
  ctes.push(sql`events as (insert into activity_events (tenant_id, id, entity_type, entity_id, event_type, actor_user_id, occurred_at, payload)
    select ${t}, e.id, e.entity_type, e.entity_id, e.event_type, ${req.actorUserId}::uuid, e.at, e.payload from (${sql.join(eventRows(tenantId, req, row), sql` union all `)}) e)`)
  return sql`with ${sql.join(ctes, sql`, `)} select kind, id, owner_id, how, by_email from target`
}

// The timeline: 'created' on a new lead; 'form_submitted' (form, submission and the values as
// posted) on whatever the submission landed on; 'restored' on an archived lead that came back; and,
// for a UI/API create that found its person, 'updated' with the fields it filled in.
function eventRows(tenantId: string, req: CaptureRequest, row: CaptureRow): SQL[] {
  const sub = req.submission
  const rows = [sql`select ${newId()}::uuid as id, 'lead' as entity_type, id as entity_id, 'created' as event_type, now() as at, ${JSON.stringify({ name: leadName(row) })}::jsonb as payload from fresh`]
  if (sub) {
    const formName = sql`(select f.name from forms f where f.tenant_id = ${tenantId}::uuid and f.id = ${sub.formId}::uuid)`
    const payload = sql`jsonb_build_object('formId', ${sub.formId}::text, 'form', ${formName}, 'submissionId', ${sub.id}::text, 'values', ${JSON.stringify(submittedValues(req.values))}::jsonb)`
    // A millisecond after 'created', so the history reads in the order things happened.
    rows.push(sql`select ${newId()}::uuid, kind, id, 'form_submitted', now() + interval '1 millisecond', ${payload} from target where how <> 'hidden'`)
  } else {
    rows.push(sql`select ${newId()}::uuid, kind, id, 'updated', now(), jsonb_build_object('changes', changes) from target where how = 'attached' and changes <> '{}'::jsonb`)
  }
  // The submission is what brought an archived lead back, so its restore comes after it.
  rows.push(sql`select ${newId()}::uuid, 'lead', id, 'restored', now() + interval '2 milliseconds', '{"reason":"returned"}'::jsonb from target where was_archived`)
  return rows
}

async function afterCapture(db: Db, tenantId: string, req: CaptureRequest, row: CaptureRow, target: Target): Promise<CaptureResult> {
  const matchedBy = target.by_email ? 'email' : 'phone'
  if (target.how === 'hidden') throw takenBySomeoneElse(target.kind, matchedBy)
  if (target.how === 'attached') {
    return { outcome: 'attached', leadId: target.kind === 'lead' ? target.id : null, contactId: target.kind === 'contact' ? target.id : null, ownerId: target.owner_id, matchedBy }
  }
  const submissionId = req.submission?.kind === 'new' ? req.submission.id : null
  const [ownerId, fuzzy] = await Promise.all([
    req.ownerId === undefined ? assignRoutedOwner(db, tenantId, target.id, routingFacts(row, req.formId ?? req.submission?.formId)) : Promise.resolve(target.owner_id),
    flagPossibleDuplicate(db, tenantId, target.id, row, { kind: 'lead', companyName: row.companyName, companyDomain: row.companyDomain }, submissionId),
  ])
  return { outcome: fuzzy ? 'flagged' : 'created', leadId: target.id, contactId: null, ownerId }
}
