import { sql } from 'drizzle-orm'
import { boolean, check, foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { SPAM_VERDICTS, SUBMISSION_OUTCOMES, type SpamVerdict, type SubmissionOutcome } from '../../domain/forms/submissions'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { msTimestamp } from './columns'
import { contacts } from './contacts'
import { forms } from './forms'
import { recordKey } from './keys'
import { leads } from './leads'
import { tenants } from './tenants'

// Every post to a form, kept whatever became of it: spam is quarantined here (lead and contact
// null) until someone releases or deletes it, never dropped.
export const formSubmissions = pgTable(
  'form_submissions',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    formId: uuid().notNull(),
    receivedAt: msTimestamp().notNull().defaultNow(),
    // The posted fields as received, capped in size (src/domain/forms/submissions.ts).
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    origin: text(),
    referrer: text(),
    utm: jsonb().$type<Record<string, string>>().notNull().default({}),
    consentText: text(),
    consentGiven: boolean(),
    // SHA-256 of the address and a workspace salt: enough to rate-limit and spot a flood, not to
    // tell who it was.
    ipHash: text(),
    verdict: text().$type<SpamVerdict>().notNull(),
    // Why a submission was judged spam: 'honeypot', 'too_fast', 'junk_name', ...
    spamReasons: text().array().notNull().default(sql`'{}'::text[]`),
    outcome: text().$type<SubmissionOutcome>().notNull(),
    leadId: uuid(),
    contactId: uuid(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'form_submissions_form_fk', columns: [t.tenantId, t.formId], foreignColumns: [forms.tenantId, forms.id] }).onDelete('cascade'),
    recordKey('form_submissions_lead_fk', t.tenantId, t.leadId, leads),
    recordKey('form_submissions_contact_fk', t.tenantId, t.contactId, contacts),
    check('form_submissions_verdict_valid', sql`${t.verdict} in ${sqlLiteralList(SPAM_VERDICTS)}`),
    check('form_submissions_outcome_valid', sql`${t.outcome} in ${sqlLiteralList(SUBMISSION_OUTCOMES)}`),
    index('form_submissions_form_idx').on(t.tenantId, t.formId, t.receivedAt.desc(), t.id.desc()),
    index('form_submissions_quarantine_idx').on(t.tenantId, t.receivedAt.desc(), t.id.desc()).where(sql`${t.outcome} = 'quarantined'`),
    index('form_submissions_lead_idx').on(t.tenantId, t.leadId).where(sql`${t.leadId} is not null`),
    index('form_submissions_contact_idx').on(t.tenantId, t.contactId).where(sql`${t.contactId} is not null`),
  ],
)
