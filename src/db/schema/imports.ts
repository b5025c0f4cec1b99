import { sql } from 'drizzle-orm'
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { IMPORT_ENTITIES, IMPORT_MODES, IMPORT_STATUSES, MATCH_KEYS, type FileProblem, type ImportEntity, type ImportMode, type ImportStatus, type MatchKey } from '../../domain/imports/vocab'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { msTimestamp } from './columns'
import { memberKey } from './keys'
import { tenants } from './tenants'

// One uploaded CSV file and its runs. The file lives in R2 (file_key); this row holds what the
// upload check found, the mapping chosen, and the progress, committed with every chunk: next_row
// data rows are done, so a job that died resumes after them.
export const imports = pgTable(
  'imports',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    entity: text().$type<ImportEntity>().notNull(),
    filename: text().notNull(),
    fileKey: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    // 'utf-8' or 'windows-1252' (a BOM is noted apart); the delimiter as one character.
    encoding: text().notNull(),
    bom: boolean().notNull().default(false),
    delimiter: text().notNull(),
    headers: text().array().notNull(),
    // The first rows as parsed, for the mapping page.
    preview: jsonb().$type<string[][]>().notNull().default([]),
    problems: jsonb().$type<FileProblem[]>().notNull().default([]),
    // Header → field key ("email", "custom.region", "externalId"); unmapped headers are left out.
    mapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    matchKey: text().$type<MatchKey>(),
    mode: text().$type<ImportMode>().notNull().default('upsert'),
    dryRun: boolean().notNull().default(false),
    status: text().$type<ImportStatus>().notNull().default('mapping'),
    // Data rows done (committed) by the current run; the totals below add up to it.
    nextRow: integer().notNull().default(0),
    inserted: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    skipped: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    // The data rows in the file, once a run has read it to the end (for the progress bar's total,
    // estimated from bytes until then).
    rowsInFile: integer(),
    bytesDone: bigint({ mode: 'number' }).notNull().default(0),
    // Undo: changes to go through, done so far, records deleted (the rest of those done were
    // restored or kept), and records left alone because someone changed or linked them since.
    revertTotal: integer().notNull().default(0),
    revertDone: integer().notNull().default(0),
    revertRemoved: integer().notNull().default(0),
    revertKept: integer().notNull().default(0),
    // The job holding the import: one at a time, even when the queue delivers a message twice.
    leaseId: uuid(),
    leaseUntil: msTimestamp(),
    error: text(),
    createdBy: uuid().notNull(),
    createdAt: msTimestamp().notNull().defaultNow(),
    updatedAt: msTimestamp().notNull().defaultNow(),
    runStartedAt: msTimestamp(),
    finishedAt: msTimestamp(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('imports_created_by_fk', t.tenantId, t.createdBy),
    check('imports_entity_valid', sql`${t.entity} in ${sqlLiteralList(IMPORT_ENTITIES)}`),
    check('imports_mode_valid', sql`${t.mode} in ${sqlLiteralList(IMPORT_MODES)}`),
    check('imports_match_key_valid', sql`${t.matchKey} in ${sqlLiteralList(MATCH_KEYS)}`),
    check('imports_status_valid', sql`${t.status} in ${sqlLiteralList(IMPORT_STATUSES)}`),
    check('imports_accounting', sql`${t.inserted} + ${t.updated} + ${t.skipped} + ${t.rejected} = ${t.nextRow}`),
    index('imports_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    // The cron sweep: runs whose job died (lease expired) are queued again.
    index('imports_active_idx').on(t.leaseUntil).where(sql`${t.status} in ('queued', 'running', 'reverting')`),
  ],
)

// What a run did (or, in a dry run, would do) to each record, for undo: an inserted record is
// deleted, an updated one gets `before` back (the changed columns as they were). written_at is
// the record's updated_at as the import left it, so undo can tell a record someone has changed
// since. match_value is the row's normalised match key: a later row with the same one is a
// duplicate within the file (a dry run writes no records, so this is how it sees them).
export const importChanges = pgTable(
  'import_changes',
  {
    tenantId: uuid().notNull(),
    importId: uuid().notNull(),
    rowNumber: integer().notNull(),
    entityId: uuid().notNull(),
    action: text().$type<'inserted' | 'updated'>().notNull(),
    matchValue: text(),
    before: jsonb().$type<Record<string, unknown>>(),
    writtenAt: msTimestamp().notNull(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.rowNumber] }),
    foreignKey({ name: 'import_changes_import_fk', columns: [t.tenantId, t.importId], foreignColumns: [imports.tenantId, imports.id] }).onDelete('cascade'),
    check('import_changes_action_valid', sql`${t.action} in ('inserted', 'updated')`),
    index('import_changes_entity_idx').on(t.tenantId, t.importId, t.entityId),
    index('import_changes_match_idx').on(t.tenantId, t.importId, t.matchValue),
  ],
)

// Rejected rows, for the error CSV: the row number, why, and the values as they were in the file.
export const importErrors = pgTable(
  'import_errors',
  {
    tenantId: uuid().notNull(),
    importId: uuid().notNull(),
    rowNumber: integer().notNull(),
    reason: text().notNull(),
    values: text().array().notNull(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.rowNumber] }),
    foreignKey({ name: 'import_errors_import_fk', columns: [t.tenantId, t.importId], foreignColumns: [imports.tenantId, imports.id] }).onDelete('cascade'),
  ],
)

// Another system's id for a record (a HubSpot "Record ID", a Salesforce "Id"), so that importing
// its export again updates the same records: the external_id match key.
export const recordExternalIds = pgTable(
  'record_external_ids',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    entity: text().$type<ImportEntity>().notNull(),
    externalId: text().notNull(),
    recordId: uuid().notNull(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [primaryKey({ columns: [t.tenantId, t.entity, t.externalId] }), index('record_external_ids_record_idx').on(t.tenantId, t.entity, t.recordId)],
)
