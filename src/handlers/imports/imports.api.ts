import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { discardImport, getImport, listImports, type ImportRow } from '../../db/queries/imports'
import { importProgress } from '../../domain/imports/progress'
import { ImportListQuery, parseRunOptions } from '../../domain/imports/schemas'
import { IMPORT_ENTITIES, IMPORT_MODES, IMPORT_STATUSES, MATCH_KEYS, MAX_IMPORT_BYTES } from '../../domain/imports/vocab'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { COMMON_ERRORS, NOT_FOUND, Problem, apiRouter } from '../api/openapi'
import { RecordIdParam, iso, listEnvelope } from '../api/records'
import { requirePermission } from '../middleware/permission'
import { errorCsvResponse } from './error-csv'
import { revertImport, runImport, uploadImport } from './import-actions'

// CSV imports as an API client makes them: one multipart POST uploads the file and starts the run
// (with the mapping given, or the one we guess from the headers), then GET polls it until it is
// completed; rejected rows come back as a CSV, and a completed import can be undone.
export const importsApi = apiRouter()
importsApi.use('/imports', requirePermission('records.import'))
importsApi.use('/imports/*', requirePermission('records.import'))

const tags = ['Imports']
const NOT_FOUND_MESSAGE = 'No such import in this workspace.'
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } })

export const ImportJson = z
  .object({
    id: z.string(),
    entity: z.enum(IMPORT_ENTITIES),
    filename: z.string(),
    sizeBytes: z.number().int(),
    status: z.enum(IMPORT_STATUSES),
    dryRun: z.boolean().openapi({ description: 'A dry run writes no records: its totals say what the real run would do.' }),
    mode: z.enum(IMPORT_MODES),
    matchKey: z.enum(MATCH_KEYS).nullable(),
    mapping: z.record(z.string(), z.string()).openapi({ description: 'Column header → field key; unmapped columns are left out.' }),
    problems: z.array(z.object({ code: z.string(), message: z.string(), blocking: z.boolean() })).openapi({ description: 'What the upload check found in the file; a blocking one stops the import.' }),
    error: z.string().nullable().openapi({ description: 'Why the import failed.' }),
    totals: z.object({ rows: z.number().int(), inserted: z.number().int(), updated: z.number().int(), skipped: z.number().int(), rejected: z.number().int() }).openapi({ description: 'rows = inserted + updated + skipped + rejected: the rows done so far.' }),
    rowsInFile: z.number().int().nullable().openapi({ description: 'The data rows in the file, once a run has read it to the end.' }),
    progress: z.object({ percent: z.number().int(), rowsPerSecond: z.number(), etaSeconds: z.number().nullable() }).openapi({ description: 'Of the run, or of the undo while one is going.' }),
    revert: z
      .object({ total: z.number().int(), done: z.number().int(), removed: z.number().int(), kept: z.number().int() })
      .openapi({ description: 'The undo: changes to go through, done so far, records deleted (the rest of those done got their values back), and records kept because they changed or were linked since.' }),
    errorsUrl: z.string().nullable().openapi({ description: 'The rejected rows as CSV; null when none were rejected.' }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Import')

export function importJson(row: ImportRow): z.infer<typeof ImportJson> {
  const { percent, rowsPerSecond, etaSeconds } = importProgress(row, new Date())
  return {
    id: row.id,
    entity: row.entity,
    filename: row.filename,
    sizeBytes: row.sizeBytes,
    status: row.status,
    dryRun: row.dryRun,
    mode: row.mode,
    matchKey: row.matchKey,
    mapping: row.mapping,
    problems: row.problems.map(({ code, message, blocking }) => ({ code, message, blocking })),
    error: row.error,
    totals: { rows: row.nextRow, inserted: row.inserted, updated: row.updated, skipped: row.skipped, rejected: row.rejected },
    rowsInFile: row.rowsInFile,
    progress: { percent, rowsPerSecond: Math.round(rowsPerSecond), etaSeconds },
    revert: { total: row.revertTotal, done: row.revertDone, removed: row.revertRemoved, kept: row.revertKept },
    errorsUrl: row.rejected > 0 ? `/api/v1/imports/${row.id}/errors` : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.runStartedAt),
    finishedAt: iso(row.finishedAt),
  }
}

const one = (description: string) => ({ description, content: { 'application/json': { schema: ImportJson } } })

async function importOr404(c: Context<AuthedEnv>, id: string): Promise<ImportRow> {
  const row = await getImport(c.var.db, c.var.tenantId, id)
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return row
}

// A plain OpenAPI schema, not zod: a zod one would make the route parse the whole body up front,
// where uploadImport streams the file to storage as it arrives.
const UploadForm = {
  type: 'object' as const,
  required: ['file', 'entity'],
  properties: {
    file: { type: 'string' as const, format: 'binary', description: `The CSV file (UTF-8 or Windows-1252; comma, semicolon, tab or pipe), up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` },
    entity: { type: 'string' as const, enum: [...IMPORT_ENTITIES] },
    mapping: { type: 'string' as const, description: 'JSON object of column header → field key ("email", "custom.region", "externalId"). Left out: mapped from the headers we recognise (ours, HubSpot, Salesforce, Pipedrive).' },
    matchKey: { type: 'string' as const, enum: [...MATCH_KEYS], description: 'What finds an existing record; default: the first the entity offers whose column is mapped.' },
    mode: { type: 'string' as const, enum: [...IMPORT_MODES], default: 'upsert' },
    dryRun: { type: 'boolean' as const, default: false },
  },
}
const FORM_FIELDS = new Set(Object.keys(UploadForm.properties).filter((k) => k !== 'file'))

// The run options among the form's text fields; the mapping is JSON in one of them.
function runOptionsOf(row: ImportRow, fields: Record<string, string>) {
  const unknown = Object.keys(fields).filter((k) => !FORM_FIELDS.has(k))
  if (unknown.length) throw new AppError('VALIDATION', 'The request has invalid fields.', unknown.map((k) => ({ path: k, message: `${k} is not a field you can set.` })))
  let mapping: unknown = row.mapping
  if (fields.mapping !== undefined) {
    try {
      mapping = JSON.parse(fields.mapping)
    } catch {
      throw new AppError('VALIDATION', 'The request has invalid fields.', [{ path: 'mapping', message: 'Send the mapping as a JSON object of column header to field key.' }])
    }
  }
  return parseRunOptions(row, { mapping, matchKey: fields.matchKey, mode: fields.mode, dryRun: fields.dryRun })
}

importsApi.openapi(
  createRoute({
    method: 'post',
    path: '/imports',
    operationId: 'createImport',
    tags,
    summary: 'Upload a CSV file and import it',
    description:
      'multipart/form-data. The run starts at once, in the background: poll GET /imports/{id} until the status is completed (or checked, for a dry run). Each row is inserted, updated, skipped (a duplicate, or no match in update mode) or rejected (see errorsUrl). Nothing is kept when the request is refused.',
    request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } } },
    responses: { 202: one('Uploaded; the run is queued'), ...COMMON_ERRORS, 413: problem(`The file is over ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`), 415: problem('The body is not multipart/form-data.') },
  }),
  async (c) => {
    const { db, tenantId } = c.var
    const { row, fields } = await uploadImport(c.env, db, tenantId, c.var.userId, c.req.raw)
    try {
      const started = await runImport(c.env, db, tenantId, row.id, runOptionsOf(row, fields))
      return c.json(importJson(started), 202)
    } catch (err) {
      // A run that did start (its message failed to send) is left to the sweep, file and all.
      if (await discardImport(db, tenantId, row.id)) await c.env.FILES.delete(row.fileKey)
      throw err
    }
  },
)

importsApi.openapi(
  createRoute({
    method: 'get',
    path: '/imports',
    operationId: 'listImports',
    tags,
    summary: "The workspace's imports, newest first",
    request: { query: ImportListQuery },
    responses: { 200: { description: 'A page of imports', content: { 'application/json': { schema: listEnvelope(ImportJson) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const page = await listImports(c.var.db, c.var.tenantId, c.req.valid('query'))
    return c.json({ data: page.rows.map(importJson), nextCursor: page.nextCursor }, 200)
  },
)

importsApi.openapi(
  createRoute({ method: 'get', path: '/imports/{id}', operationId: 'getImport', tags, summary: 'One import, with its totals and progress', request: { params: RecordIdParam }, responses: { 200: one('The import'), ...COMMON_ERRORS, ...NOT_FOUND } }),
  async (c) => c.json(importJson(await importOr404(c, c.req.valid('param').id)), 200),
)

importsApi.openapi(
  createRoute({
    method: 'get',
    path: '/imports/{id}/errors',
    operationId: 'getImportErrors',
    tags,
    summary: 'The rejected rows as CSV',
    description: 'Columns: Row (as a spreadsheet numbers it, the header being row 1), Reason, then the file’s own columns with the values as they were. UTF-8 with a BOM; a cell that would run as a formula starts with an apostrophe.',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => errorCsvResponse(c.var.db, c.var.tenantId, await importOr404(c, c.req.valid('param').id)),
)

importsApi.openapi(
  createRoute({
    method: 'post',
    path: '/imports/{id}/revert',
    operationId: 'revertImport',
    tags,
    summary: 'Undo a completed import',
    description:
      'In the background: records the import created are deleted and records it updated get their values back, except those changed or linked to since (counted in revert.kept). Poll GET /imports/{id} until the status is reverted.',
    request: { params: RecordIdParam },
    responses: { 202: one('The undo is queued'), ...COMMON_ERRORS, ...NOT_FOUND, 409: problem('The import is not completed (a dry run, still running, or already undone).') },
  }),
  async (c) => c.json(importJson(await revertImport(c.env, c.var.db, c.var.tenantId, c.req.valid('param').id)), 202),
)
