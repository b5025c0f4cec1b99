import type { Context } from 'hono'
import { exportedEvent } from '../../db/queries/exports'
import { EXPORT_CHUNK_ROWS, EXPORT_JOB_ROWS, exportFilename } from '../../domain/exports/csv'
import { viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv, Env } from '../../env'
import { csvChunks, csvStream } from '../../lib/exports/csv-stream'
import { csvHeaders, exportKey, type ExportMeta } from '../../lib/exports/files'
import { newId } from '../../lib/ids'
import { resolveExport, type ExportAsk } from './resolve-export'

export const exportJobRows = (env: Pick<Env, 'EXPORT_JOB_ROWS'>): number => Number(env.EXPORT_JOB_ROWS) || EXPORT_JOB_ROWS

// An export, for the page and the API alike. One capped count decides: up to EXPORT_JOB_ROWS
// rows stream back at once, more are prepared by a job (a browser would sit minutes on one
// request, and a Worker's response is no place for a 200 MB file).
//
// The audit event is written, and awaited, before the first byte leaves, with the count just
// taken: an export is on record even if the client goes away mid-stream or the stream breaks,
// and no waitUntil has to outlive the request to write it. The price is that rowCount is the
// number of rows the export selected as it started; rows changed during a long download can
// make the file differ by those.
export async function startExport(c: Context<AuthedEnv>, ask: ExportAsk): Promise<{ kind: 'stream'; body: ReadableStream; headers: Record<string, string> } | { kind: 'job'; id: string }> {
  const db = c.var.db
  const { tenantId, userId } = c.var
  const { view, source, audit } = await resolveExport(db, tenantId, viewerOf(c.var.auth), ask)
  const limit = exportJobRows(c.env)
  const [counted] = await source.count(limit)
  const rowCount = counted?.n ?? 0
  const filename = exportFilename(ask.entity, view?.name, new Date())
  if (rowCount > limit) {
    const id = newId()
    const meta: ExportMeta = { status: 'preparing', userId, entity: ask.entity, filename }
    await c.env.FILES.put(exportKey(tenantId, id), '', { customMetadata: meta })
    await c.env.JOBS.send({ type: 'export', key: `export:${id}`, tenantId, userId, exportId: id, entity: ask.entity, params: ask.params, filename })
    return { kind: 'job', id }
  }
  await exportedEvent(db, tenantId, newId(), userId, { ...audit, rowCount })
  const body = csvStream(csvChunks(source, EXPORT_CHUNK_ROWS), { requestId: c.var.requestId, tenantId, entity: ask.entity })
  return { kind: 'stream', body, headers: csvHeaders(filename) }
}
