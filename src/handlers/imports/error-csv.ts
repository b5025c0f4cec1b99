import type { Db } from '../../db/client'
import { importErrorsPage, type ImportRow } from '../../db/queries/imports'
import { BOM, csvLine, EXPORT_CHUNK_ROWS, exportFilename } from '../../domain/exports/csv'
import { csvStream } from '../../lib/exports/csv-stream'
import { csvHeaders } from '../../lib/exports/files'

// An import's rejected rows as a CSV to fix and upload again: the row number a spreadsheet shows,
// why it was rejected, then the row as it was in the file under the file's own headers. Written
// like an export (BOM, formula-safe cells), streamed a page of rows at a time, so memory holds
// one page however many rows were rejected. Served by GET /imports/:id/errors.csv and
// GET /api/v1/imports/{id}/errors; the caller has found the row in its workspace.
export function errorCsvResponse(db: Db, tenantId: string, row: Pick<ImportRow, 'id' | 'filename' | 'headers' | 'createdAt'>): Response {
  const filename = exportFilename('import-errors', row.filename.replace(/\.[a-z]+$/i, ''), row.createdAt)
  const body = csvStream(errorChunks(db, tenantId, row), { tenantId, importId: row.id })
  return new Response(body, { headers: csvHeaders(filename) })
}

async function* errorChunks(db: Db, tenantId: string, row: Pick<ImportRow, 'id' | 'headers'>): AsyncGenerator<{ text: string }> {
  yield { text: BOM + csvLine(['Row', 'Reason', ...row.headers]) }
  for (let after = 0; ; ) {
    const page = await importErrorsPage(db, tenantId, row.id, after, EXPORT_CHUNK_ROWS)
    if (page.length) yield { text: page.map((e) => csvLine([e.rowNumber, e.reason, ...e.values])).join('') }
    if (page.length < EXPORT_CHUNK_ROWS) return
    after = page.at(-1)?.rowNumber ?? after
  }
}
