// Trigger: an export of more than EXPORT_JOB_ROWS rows (the page or POST /api/v1/exports). Idempotency key: "export:<exportId>", also the R2 object's, the audit event's and the email's.
import type * as z from 'zod'
import { createDb } from '../../db/client'
import { exportedEvent, exportRecipient } from '../../db/queries/exports'
import { can } from '../../domain/access/permissions'
import { EXPORT_CHUNK_ROWS } from '../../domain/exports/csv'
import type { ExportMessage } from '../../domain/jobs/messages'
import { ENTITY_LABELS } from '../../domain/views/catalogue'
import type { Env } from '../../env'
import { AppError } from '../../lib/errors'
import { csvChunks } from '../../lib/exports/csv-stream'
import { csvHeaders, exportKey, fixedParts, PART_BYTES, uploadInParts, type ExportMeta } from '../../lib/exports/files'
import { logger } from '../../lib/log'
import { sendEmail } from '../../lib/mail/send-email'
import { exportReadyEmail } from '../../views/email/export-ready'
import { resolveExport } from '../exports/resolve-export'

type ExportJob = z.infer<typeof ExportMessage>

// Reads the list as the person who asked (their role and the workspace's visibility as they are
// now), writes the CSV to R2 in parts, then emails them the link. A redelivered message finds the
// finished file and only (re)sends the email, which the outbox key makes one email.
export async function runExport(env: Env, msg: ExportJob): Promise<void> {
  const db = createDb(env)
  const key = exportKey(msg.tenantId, msg.exportId)
  const log = { tenantId: msg.tenantId, exportId: msg.exportId, entity: msg.entity }
  const who = await exportRecipient(db, msg.tenantId, msg.userId)
  if (!who || !can(who.role, 'records.export')) {
    logger.warn('export.refused', { ...log, reason: who ? 'role cannot export' : 'no longer a member' })
    await env.FILES.delete(key)
    return
  }
  const done = await env.FILES.head(key)
  let rowCount = Number(done?.customMetadata?.rowCount)
  if (done?.customMetadata?.status !== 'ready') {
    const viewer = { userId: msg.userId, role: who.role, visibility: who.recordVisibility }
    const resolved = await resolveOrDrop(() => resolveExport(db, msg.tenantId, viewer, { entity: msg.entity, params: msg.params }), log)
    if (!resolved) {
      await env.FILES.delete(key)
      return
    }
    // Counted exactly: a job can afford to read every row once more.
    const [counted] = await resolved.source.count(Number.MAX_SAFE_INTEGER)
    rowCount = counted?.n ?? 0
    // Recorded as the export starts, like a streamed one; the export id keeps it to one event.
    await exportedEvent(db, msg.tenantId, msg.exportId, msg.userId, { ...resolved.audit, rowCount })
    const meta: ExportMeta = { status: 'ready', userId: msg.userId, entity: msg.entity, filename: msg.filename, rowCount: String(rowCount) }
    const headers = csvHeaders(msg.filename)
    await uploadInParts(env.FILES, key, fixedParts(encoded(csvChunks(resolved.source, EXPORT_CHUNK_ROWS)), PART_BYTES), {
      httpMetadata: { contentType: headers['Content-Type'], contentDisposition: headers['Content-Disposition'] },
      customMetadata: meta,
    })
    logger.info('export.prepared', { ...log, rowCount })
  }
  const email = exportReadyEmail({
    name: who.name,
    workspaceName: who.workspaceName,
    filename: msg.filename,
    rowCount,
    noun: ENTITY_LABELS[msg.entity].toLowerCase(),
    url: new URL(`/exports/${msg.exportId}`, env.APP_URL).toString(),
  })
  await sendEmail(env, db, { tenantId: msg.tenantId, idempotencyKey: msg.key, to: who.email, ...email })
}

// A view deleted or hidden since the request, or a filter the person may no longer use, will not
// get better on retry: the export is dropped (and logged) rather than dead-lettered.
async function resolveOrDrop<T>(resolve: () => Promise<T>, log: Record<string, unknown>): Promise<T | null> {
  try {
    return await resolve()
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err
    logger.warn('export.refused', { ...log, reason: err.message })
    return null
  }
}

async function* encoded(chunks: AsyncIterable<{ text: string }>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder()
  for await (const chunk of chunks) yield encoder.encode(chunk.text)
}
