import { EXPORT_LINK_DAYS } from '../../domain/exports/csv'
import { AppError } from '../errors'

// Prepared exports live in R2 (the FILES bucket) with no table of their own: the key carries the
// workspace, the object's custom metadata the rest (who asked, the list, the file name, whether it
// is ready). A marker object with status "preparing" stands in the key from the request until the
// job replaces it with the file.

export type ExportMeta = { status: 'preparing' | 'ready'; userId: string; entity: string; filename: string; rowCount?: string }

// The workspace is part of the key, so one workspace's lookup can never reach another's file.
export const exportKey = (tenantId: string, exportId: string) => `exports/${tenantId}/${exportId}.csv`

export const csvHeaders = (filename: string): Record<string, string> => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${filename}"`,
  // Records of the workspace: never kept by a shared cache or the browser's.
  'Cache-Control': 'private, no-store',
})

const NO_SUCH_EXPORT = 'No such export. Export links work only for the person who asked for the export, for 7 days.'

export type FoundExport = { status: 'preparing'; meta: ExportMeta } | { status: 'ready'; meta: ExportMeta; body: ReadableStream; size: number }

// The export as its owner may have it: another person's, another workspace's, an expired one and
// a made-up id are the same 404.
export async function findExport(bucket: R2Bucket, tenantId: string, userId: string, exportId: string, now = new Date()): Promise<FoundExport> {
  const object = await bucket.get(exportKey(tenantId, exportId))
  const meta = object?.customMetadata as ExportMeta | undefined
  const expired = object ? now.getTime() - object.uploaded.getTime() > EXPORT_LINK_DAYS * 86_400_000 : true
  if (!object || !meta || meta.userId !== userId || expired) {
    await object?.body.cancel()
    throw new AppError('NOT_FOUND', NO_SUCH_EXPORT)
  }
  if (meta.status !== 'ready') {
    await object.body.cancel()
    return { status: 'preparing', meta }
  }
  return { status: 'ready', meta, body: object.body, size: object.size }
}

// R2 takes a file of unknown length only in parts, every part but the last of one size and at
// least 5 MiB.
export const PART_BYTES = 5 * 1024 * 1024

// Byte chunks regrouped into parts of exactly `size` bytes, the last one shorter. Holds one part.
export async function* fixedParts(chunks: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let part = new Uint8Array(size)
  let filled = 0
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; ) {
      const n = Math.min(size - filled, chunk.length - offset)
      part.set(chunk.subarray(offset, offset + n), filled)
      filled += n
      offset += n
      if (filled === size) {
        yield part
        part = new Uint8Array(size)
        filled = 0
      }
    }
  }
  if (filled > 0) yield part.subarray(0, filled)
}

// A multipart upload of `parts`; the object appears under `key` (replacing the marker) only when
// every part is in. On failure the upload is aborted, and the marker stays for the next attempt.
export async function uploadInParts(bucket: R2Bucket, key: string, parts: AsyncIterable<Uint8Array>, options: R2MultipartOptions): Promise<void> {
  const upload = await bucket.createMultipartUpload(key, options)
  try {
    const done: R2UploadedPart[] = []
    for await (const part of parts) done.push(await upload.uploadPart(done.length + 1, part))
    await upload.complete(done)
  } catch (err) {
    await upload.abort().catch(() => undefined)
    throw err
  }
}
