import type { Db } from '../../db/client'
import { createImport, getImport, startRevert, startRun, type ImportRow, type RunOptions } from '../../db/queries/imports'
import { autoMap } from '../../domain/imports/auto-map'
import { IMPORT_ENTITIES, type ImportEntity } from '../../domain/imports/vocab'
import { importRevertMessage, importRunMessage } from '../../domain/jobs/imports'
import type { Env } from '../../env'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { inspectFile } from '../../lib/imports/inspect'
import { receiveUpload } from '../../lib/imports/upload'

// What the API and the pages both do with an import: upload, run, undo.

const NO_SUCH_IMPORT = 'No such import in this workspace.'

export const importFileKey = (tenantId: string, importId: string) => `imports/${tenantId}/${importId}.csv`

const isEntity = (v: string | undefined): v is ImportEntity => IMPORT_ENTITIES.some((e) => e === v)

// Streams the upload to R2 (receiveUpload), inspects it (inspectFile), auto-maps the headers and
// creates the imports row in status `mapping`. The form field `entity` says what the rows are (422
// on "entity" when missing or unknown). Returns the row and the other form fields as sent (the API
// reads mapping, matchKey, mode and dryRun from them).
export async function uploadImport(env: Env, db: Db, tenantId: string, userId: string, request: Request): Promise<{ row: ImportRow; fields: Record<string, string> }> {
  const id = newId()
  const fileKey = importFileKey(tenantId, id)
  const upload = await receiveUpload(request, env.FILES, fileKey)
  const entity = upload.fields.entity
  try {
    // The fields may follow the file in the body, so they can only be checked once it is in.
    if (!isEntity(entity)) throw new AppError('VALIDATION', 'Say what the rows are.', [{ path: 'entity', message: `Choose what the rows are: ${IMPORT_ENTITIES.join(', ')}.` }])
    const shape = await inspectFile(env.FILES, fileKey)
    const row = await createImport(db, tenantId, { id, entity, filename: upload.filename, fileKey, sizeBytes: upload.size, createdBy: userId, mapping: autoMap(entity, shape.headers, shape.preview), ...shape })
    return { row, fields: upload.fields }
  } catch (err) {
    // No imports row names the file, so nothing else would ever remove it.
    await env.FILES.delete(fileKey)
    throw err
  }
}

async function importOr404(db: Db, tenantId: string, id: string): Promise<ImportRow> {
  const row = await getImport(db, tenantId, id)
  if (!row) throw new AppError('NOT_FOUND', NO_SUCH_IMPORT)
  return row
}

// startRun and the import.run job; 409 when the import cannot start now, 422 when the file has a
// blocking problem (nothing could be read from it as it is).
export async function runImport(env: Env, db: Db, tenantId: string, id: string, options: RunOptions): Promise<ImportRow> {
  const row = await importOr404(db, tenantId, id)
  const blocking = row.problems.filter((p) => p.blocking)
  if (blocking.length) throw new AppError('VALIDATION', `This file cannot be imported as it is: ${blocking.map((p) => p.message).join(' ')}`, blocking.map((p) => ({ path: 'file', message: p.message })))
  const started = await startRun(db, tenantId, id, options)
  if (!started) throw new AppError('CONFLICT', `This import is ${row.status}: it can start only while waiting for its mapping, after a dry run or after it failed.`)
  // Should this send fail, the sweep sends it once the start's lease has run out.
  await env.JOBS.send(importRunMessage(started))
  return started
}

// startRevert and the import.revert job; 409 unless the import completed (a real run).
export async function revertImport(env: Env, db: Db, tenantId: string, id: string): Promise<ImportRow> {
  const row = await importOr404(db, tenantId, id)
  const started = await startRevert(db, tenantId, id)
  if (!started) throw new AppError('CONFLICT', row.status === 'checked' ? 'A dry run wrote nothing, so there is nothing to undo.' : `This import is ${row.status}: only a completed import can be undone.`)
  await env.JOBS.send(importRevertMessage(started))
  return started
}
