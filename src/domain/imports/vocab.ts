// The words of an import, shared by the schema, the zod schemas, the job and the pages.

export const IMPORT_ENTITIES = ['accounts', 'contacts', 'leads', 'opportunities'] as const
export type ImportEntity = (typeof IMPORT_ENTITIES)[number]

// create: only new records (a row that matches one is skipped as a duplicate); update: only
// existing records (a row that matches none is skipped); upsert: both.
export const IMPORT_MODES = ['create', 'update', 'upsert'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]

// What a row is matched to an existing record by. external_id uses the column mapped to
// "externalId", remembered per record in record_external_ids.
export const MATCH_KEYS = ['email', 'phone', 'domain', 'external_id'] as const
export type MatchKey = (typeof MATCH_KEYS)[number]

// mapping: uploaded, waiting for the mapping step; queued/running: a run (dry or real) is on its
// way; checked: a dry run finished (nothing written; the real run may start); completed, failed;
// reverting/reverted: undo.
export const IMPORT_STATUSES = ['mapping', 'queued', 'running', 'checked', 'completed', 'failed', 'reverting', 'reverted'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

// Whether each row made a record, changed one, was skipped (a duplicate, or no match in update
// mode) or was rejected (it goes to the error CSV). rows = inserted + updated + skipped + rejected.
export type ImportTotals = { rows: number; inserted: number; updated: number; skipped: number; rejected: number }

// What the upload check found in the file. A blocking problem stops the import before anything is
// written (duplicate headers, an encoding or delimiter we cannot read); the others are warnings.
export type FileProblem = { code: 'duplicate_headers' | 'unknown_encoding' | 'unknown_delimiter' | 'field_count' | 'empty_file' | 'unreadable'; message: string; blocking: boolean; rows?: number[] }

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024

// Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row row 2.
// (A quoted value with line breaks makes the file's line numbers drift from these; the row number
// is what the error CSV and the timeline name.)
export const spreadsheetRow = (dataIndex: number): number => dataIndex + 2
