import { sql } from 'drizzle-orm'
import { check, date, foreignKey, index, numeric, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from '../../domain/records/vocab'
import { newId } from '../../lib/ids'
import { accounts } from './accounts'
import { sqlLiteralList } from './check-lists'
import { customColumn, recordColumns, msTimestamp } from './columns'
import { contacts } from './contacts'
import { memberKey, recordKey } from './keys'
import { pipelineStages } from './pipeline-stages'
import { pipelines } from './pipelines'
import { SEARCH_INDEX, searchVector } from './search'
import { tenants } from './tenants'

// Deals. The stage is referenced together with the pipeline, so it is always one of that
// pipeline's stages; stage_entered_at is what the board's rotting flag is measured from.
export const opportunities = pgTable(
  'opportunities',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    name: text().notNull(),
    accountId: uuid(),
    contactId: uuid(),
    // Exact decimal money; read and written as a string so no float rounding creeps in.
    amount: numeric({ precision: 14, scale: 2 }),
    currency: text().notNull().default('USD'),
    pipelineId: uuid().notNull(),
    stageId: uuid().notNull(),
    stageEnteredAt: msTimestamp().notNull().defaultNow(),
    probability: smallint().notNull(),
    closeDate: date({ mode: 'string' }),
    ownerId: uuid(),
    status: text().$type<OpportunityStatus>().notNull().default('open'),
    lostReason: text(),
    lastContactedAt: msTimestamp(),
    custom: customColumn(),
    searchVector: searchVector(['name']),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    recordKey('opportunities_account_fk', t.tenantId, t.accountId, accounts),
    recordKey('opportunities_contact_fk', t.tenantId, t.contactId, contacts),
    recordKey('opportunities_pipeline_fk', t.tenantId, t.pipelineId, pipelines),
    foreignKey({ name: 'opportunities_stage_fk', columns: [t.tenantId, t.pipelineId, t.stageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.pipelineId, pipelineStages.id] }),
    memberKey('opportunities_owner_fk', t.tenantId, t.ownerId),
    memberKey('opportunities_created_by_fk', t.tenantId, t.createdBy),
    check('opportunities_status_valid', sql`${t.status} in ${sqlLiteralList(OPPORTUNITY_STATUSES)}`),
    check('opportunities_probability_range', sql`${t.probability} between 0 and 100`),
    check('opportunities_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('opportunities_amount_non_negative', sql`${t.amount} >= 0`),
    // The board: a pipeline's open deals by stage, then close date, as its cards are read. The
    // trailing columns are what the column totals sum and an own-mode rep is filtered on, so the
    // totals are an index-only scan and the rep's cards skip others' deals inside the index.
    index('opportunities_board_idx')
      .on(t.tenantId, t.pipelineId, t.stageId, t.closeDate, t.id, t.ownerId, t.currency, t.amount, t.probability)
      .where(sql`${t.status} = 'open' and ${t.archivedAt} is null`),
    // Open deals by close date ("High-value deals closing this quarter"); the amount threshold is
    // checked in the index.
    index('opportunities_open_close_idx').on(t.tenantId, t.closeDate, t.id, t.amount).where(sql`${t.status} = 'open' and ${t.archivedAt} is null`),
    // Lists by owner, newest first, in the keyset order; a status filter is checked in the index.
    index('opportunities_owner_created_idx').on(t.tenantId, t.ownerId, t.createdAt.desc(), t.id.desc(), t.status),
    // An owner's deals by status and close date: My work's "closing this month", own-mode views.
    index('opportunities_owner_status_idx').on(t.tenantId, t.ownerId, t.status, t.closeDate),
    index('opportunities_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('opportunities_account_idx').on(t.tenantId, t.accountId),
    index('opportunities_contact_idx').on(t.tenantId, t.contactId),
    index('opportunities_search_idx').using('gin', t.searchVector).with(SEARCH_INDEX),
    // Short searches (a word of up to 3 characters) read names by their start, in order, and stop
    // at the page size.
    index('opportunities_name_prefix_idx').on(t.tenantId, sql`lower(${t.name}) text_pattern_ops`),
  ],
)
