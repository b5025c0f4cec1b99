import Multipart from 'busboy/lib/types/multipart.js'
import { parseContentType } from 'busboy/lib/utils.js'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { MAX_IMPORT_BYTES } from '../../domain/imports/vocab'
import { AppError } from '../errors'
import { fixedParts, PART_BYTES, uploadInParts } from '../exports/files'

// Streams a multipart/form-data request's `file` part into R2 under `key` (multipart upload in
// fixed parts), never holding the file in memory, and returns the other parts as text fields.
// - 413 (AppError PAYLOAD_TOO_LARGE) when Content-Length says more than `maxBytes`, before
//   reading anything, and when the counted bytes pass it (the partial upload is aborted, so no
//   object is left);
// - 415 for a body that is not multipart/form-data, 400 for one that is cut off or malformed;
// - 422 (VALIDATION, field "file") for no file part or an empty file.
// busboy is node-stream based; node:stream comes from the runtime (nodejs_compat), and only its
// multipart parser is imported, which keeps its urlencoded parser out of the bundle.
export type ReceivedUpload = { filename: string; size: number; fields: Record<string, string> }

const FIELD_BYTES = 64 * 1024

const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB an import can take. Split it into smaller files and import each one.`)

const noFile = (message: string) => new AppError('VALIDATION', message, [{ path: 'file', message }])

export async function receiveUpload(request: Request, bucket: R2Bucket, key: string, maxBytes = MAX_IMPORT_BYTES): Promise<ReceivedUpload> {
  const type = parseContentType(request.headers.get('Content-Type') ?? '')
  if (!type || !Multipart.detect(type) || !request.body) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data, in a part named "file".')
  if (Number(request.headers.get('Content-Length')) > maxBytes) throw tooLarge(maxBytes)
  if (!type.params.boundary) throw new AppError('BAD_REQUEST', 'The multipart/form-data body has no boundary.')

  const form = new Multipart({ conType: type, defParamCharset: 'utf8', limits: { fields: 50, fieldSize: FIELD_BYTES } })
  const fields: Record<string, string> = {}
  let file: { filename: string; size: number; stored: Promise<void> } | undefined
  let cause: unknown
  form.on('field', (name, value, info) => {
    if (info.valueTruncated) form.destroy(new AppError('PAYLOAD_TOO_LARGE', `The form field "${name}" is longer than ${FIELD_BYTES / 1024} KB.`))
    else fields[name] = value
  })
  form.on('file', (name, stream, info) => {
    if (name !== 'file' || file) return void stream.resume()
    const received = { filename: info.filename ?? 'import.csv', size: 0 }
    // The upload starts reading only once R2 has begun it; an error before then (a body cut off)
    // would be thrown as uncaught. The stream keeps it, and the reading below throws it.
    stream.on('error', () => undefined)
    // Counted as it passes, so a body without Content-Length (or with a false one) stops at the limit.
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) {
        received.size += chunk.length
        if (received.size > maxBytes) throw tooLarge(maxBytes)
        yield chunk
      }
      if (received.size === 0) throw noFile('The file is empty.')
    }
    const stored = uploadInParts(bucket, key, fixedParts(counted(), PART_BYTES), { httpMetadata: { contentType: 'text/csv' } })
    // An upload that fails first (too large, empty, R2) stops the parser, which would otherwise wait
    // for the file to be read, and is the reason given; one that fails because the parser did is not.
    stored.catch((err: unknown) => {
      if (form.destroyed) return
      cause = err
      form.destroy(err as Error)
    })
    file = Object.assign(received, { stored })
  })

  const parsed = await settled(pipeline(Readable.fromWeb(request.body as unknown as NodeReadableStream), form))
  const stored = file && (await settled(file.stored))
  if (cause) throw cause
  if (parsed) throw parsed instanceof AppError ? parsed : new AppError('BAD_REQUEST', 'The upload was cut off or is not well-formed multipart/form-data. Send it again.')
  if (stored) throw stored
  if (!file) throw noFile('Choose a CSV file to import.')
  return { filename: file.filename, size: file.size, fields }
}

// The error a promise fails with, or undefined.
const settled = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err ?? new Error('failed'),
  )
