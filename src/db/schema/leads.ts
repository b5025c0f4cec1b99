import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { ACCOUNT_SIZES, LEAD_STATUSES, OPEN_LEAD_STATUSES, type LeadStatus } from '../../domain/records/vocab'
import type { ScoreLine } from '../../domain/scoring/types'
import { newId } from '../../lib/ids'
import { accounts } from './accounts'
import { sqlLiteralList } from './check-lists'
import { customColumn, msTimestamp, personColumns, recordColumns } from './columns'
import { contacts } from './contacts'
import { memberKey, recordKey } from './keys'
import { SEARCH_INDEX, searchVector } from './search'
import { opportunities } from './opportunities'
import { tenants } from './tenants'

// People and companies before qualification. Conversion links a lead to the contact, account and
// (optionally) opportunity it became, and marks it converted.
export const leads = pgTable(
  'leads',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    ...personColumns(),
    companyName: text(),
    companyDomain: text(),
    website: text(),
    industry: text(),
    companySize: text(),
    // ISO 3166-1 alpha-2, upper case.
    country: text(),
    source: text(),
    utmSource: text(),
    utmMedium: text(),
    utmCampaign: text(),
    utmTerm: text(),
    utmContent: text(),
    status: text().$type<LeadStatus>().notNull().default('new'),
    // Written only by the scoring job. scored_at is when the job read the lead's inputs: a
    // recompute that read earlier than the stored one is stale and must not overwrite it.
    score: integer().notNull().default(0),
    scoreBreakdown: jsonb().$type<ScoreLine[]>().notNull().default([]),
    scoredAt: msTimestamp(),
    // Ids of the threshold rules the current score has reached, so that each crossing acts once.
    scoreThresholds: text().array().notNull().default(sql`'{}'::text[]`),
    ownerId: uuid(),
    lastContactedAt: msTimestamp(),
    convertedAt: msTimestamp(),
    convertedContactId: uuid(),
    convertedAccountId: uuid(),
    convertedOpportunityId: uuid(),
    custom: customColumn(),
    // Set when this lead was merged into another; the row stays so the merge can be undone.
    mergedIntoId: uuid(),
    searchVector: searchVector(['first_name', 'last_name', 'company_name'], ['email_normalized', 'company_domain']),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('leads_owner_fk', t.tenantId, t.ownerId),
    recordKey('leads_merged_into_fk', t.tenantId, t.mergedIntoId, { tenantId: t.tenantId, id: t.id }),
    memberKey('leads_created_by_fk', t.tenantId, t.createdBy),
    recordKey('leads_converted_contact_fk', t.tenantId, t.convertedContactId, contacts),
    recordKey('leads_converted_account_fk', t.tenantId, t.convertedAccountId, accounts),
    recordKey('leads_converted_opportunity_fk', t.tenantId, t.convertedOpportunityId, opportunities),
    check('leads_status_valid', sql`${t.status} in ${sqlLiteralList(LEAD_STATUSES)}`),
    check('leads_company_size_valid', sql`${t.companySize} in ${sqlLiteralList(ACCOUNT_SIZES)}`),
    check('leads_country_valid', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('leads_email_normalised', sql`${t.emailNormalized} = lower(btrim(${t.emailNormalized}))`),
    // A converted lead always says what it became.
    check('leads_converted_complete', sql`(${t.status} = 'converted') = (${t.convertedAt} is not null and ${t.convertedContactId} is not null)`),
    // Lists by owner, newest first (an own-mode rep's every list), in the keyset order: a status
    // filter is checked in the index, without reading the rows it skips.
    index('leads_owner_created_idx').on(t.tenantId, t.ownerId, t.createdAt.desc(), t.id.desc(), t.status).where(sql`${t.archivedAt} is null`),
    // "My open leads" (the built-in view, My work, status=open): converted and disqualified leads
    // pile up over the years, so the open ones get an index of their own.
    index('leads_open_owner_idx').on(t.tenantId, t.ownerId, t.createdAt.desc(), t.id.desc()).where(sql`${t.archivedAt} is null and ${t.status} in ${sqlLiteralList(OPEN_LEAD_STATUSES)}`),
    index('leads_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('leads_name_idx').on(t.tenantId, t.lastName, t.firstName, t.id),
    index('leads_last_contacted_idx').on(t.tenantId, t.lastContactedAt, t.id),
    // text_pattern_ops: search matches emails and domains by their start, whatever the collation.
    index('leads_email_idx').on(t.tenantId, t.emailNormalized.op('text_pattern_ops')),
    index('leads_company_domain_idx').on(t.tenantId, t.companyDomain.op('text_pattern_ops')),
    index('leads_phone_idx').on(t.tenantId, t.phoneDigits),
    // Dedupe: one live lead per email and per phone in a workspace. Form capture inserts with
    // ON CONFLICT against these, so simultaneous submissions of one address make one lead.
    uniqueIndex('leads_email_key').on(t.tenantId, t.emailNormalized).where(sql`${t.emailNormalized} is not null and ${t.mergedIntoId} is null`),
    uniqueIndex('leads_phone_key').on(t.tenantId, t.phoneE164).where(sql`${t.phoneE164} is not null and ${t.mergedIntoId} is null`),
    // Possible duplicates: similar person names, by trigram similarity within the workspace.
    index('leads_name_trgm_idx').using('gin', t.tenantId, sql`(lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))) gin_trgm_ops`),
    index('leads_search_idx').using('gin', t.searchVector).with(SEARCH_INDEX),
    // Short searches (a word of up to 3 characters) read names by their start, in order, and stop
    // at the page size.
    index('leads_first_name_prefix_idx').on(t.tenantId, sql`lower(${t.firstName}) text_pattern_ops`),
    index('leads_last_name_prefix_idx').on(t.tenantId, sql`lower(${t.lastName}) text_pattern_ops`),
    index('leads_company_prefix_idx').on(t.tenantId, sql`lower(${t.companyName}) text_pattern_ops`),
    // The nightly decay sweep: leads scored longest ago first.
    index('leads_scored_idx').on(t.tenantId, t.scoredAt).where(sql`${t.archivedAt} is null and ${t.status} <> 'converted'`),
  ],
)
