import csvParser from 'csv-parser'
import { Buffer } from 'node:buffer'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { spreadsheetRow } from '../../domain/imports/vocab'
import { AppError } from '../errors'
import type { FileShape } from './inspect'

// The file's data records in order, streamed from R2 through csv-parser (header row skipped),
// holding a bounded part of the file in memory whatever its size.
// index: 0-based data row (spreadsheetRow(index) is what people see); fields as parsed, however many
// (a row with the wrong count is the caller's to reject); bytes: how far into the file this record
// ends (for progress). `from` skips that many data rows first (a resumed run).
export type CsvRecord = { index: number; fields: string[]; bytes: number }

// Longer than any real row; an unclosed quote reaches it and fails instead of taking in the rest of
// the file as one value.
const MAX_RECORD_BYTES = 1024 * 1024

type Shape = Pick<FileShape, 'encoding' | 'bom' | 'delimiter'>

export async function* csvRecords(bucket: R2Bucket, key: string, shape: Shape, from = 0): AsyncGenerator<CsvRecord> {
  const object = await bucket.get(key)
  if (!object) throw new AppError('NOT_FOUND', 'The uploaded file is no longer there. Upload it again.')
  // csv-parser reads UTF-8 bytes; Windows-1252 is turned into UTF-8 first, so `bytes` counts UTF-8
  // bytes there, close enough for progress.
  const utf8 = shape.encoding === 'utf-8' ? object.body : object.body.pipeThrough(new TextDecoderStream(shape.encoding)).pipeThrough(new TextEncoderStream())
  let index = -1 // the header
  for await (const record of parseCsv(utf8, shape.delimiter)) {
    if (index >= from) yield { index, fields: record.fields, bytes: record.bytes }
    index++
  }
}

const LF = 0x0a
const CR = 0x0d
const BOM = [0xef, 0xbb, 0xbf]

// Every record of a UTF-8 byte stream, the header included, as the whole feature reads a file: rows
// may have any number of fields, empty lines are left out (and not counted, so a row's index is the
// same for the upload check, a run and a resumed run). A row that cannot be read fails with an
// AppError naming it. A quote anywhere in a value opens a quoted part (csv-parser has no lenient
// mode for stray quotes): a lone one, as in 5'11", runs on to the next quote in the file, or fails
// as a quote never closed.
export async function* parseCsv(utf8: ReadableStream<Uint8Array>, delimiter: string): AsyncGenerator<{ fields: string[]; bytes: number }> {
  const reader = utf8.getReader()
  try {
    const first = await reader.read()
    // csv-parser would keep a BOM in the first header (and the quotes of a quoted one).
    const bom = BOM.every((byte, i) => first.value?.[i] === byte) ? BOM.length : 0
    // With headers: false csv-parser ends rows at \n only; a file of \r alone (Excel for Mac's
    // "CSV") has to be named.
    const newline = first.value && !first.value.includes(LF) && first.value.includes(CR) ? '\r' : '\n'
    let read = 0 // bytes
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let next = first; !next.done; next = await reader.read()) {
        const chunk = read ? next.value : next.value.subarray(bom)
        read += next.value.length
        // csv-parser decodes with Buffer#toString(encoding, start, end), which a Uint8Array lacks.
        yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
      }
    }
    let rows = 0 // non-empty rows the parser has finished, the header included
    const countRows = ({ index, value }: { index: number; value: string }) => {
      if (index === 0) rows++
      return value
    }
    const parser = csvParser({ headers: false, separator: delimiter, newline, maxRowBytes: MAX_RECORD_BYTES, strict: false, outputByteOffset: true, mapValues: countRows })
    // Errors reach the loop below through the parser; stopping early destroys it, which is no error.
    pipeline(Readable.from(chunks()), parser).catch(() => undefined)

    // A record's end (for progress) is where the next one starts, so each is given out one behind.
    let held: string[] | undefined
    try {
      for await (const { row, byteOffset } of parser as AsyncIterable<{ row: Record<string, string>; byteOffset: number }>) {
        const fields = Object.values(row)
        if (!fields.length) continue // an empty line
        if (held) yield { fields: held, bytes: bom + byteOffset }
        held = fields
      }
    } catch (err) {
      if (!(err instanceof Error && err.message === 'Row exceeds the maximum size')) throw err
      throw unreadable(rows - 1, `is over ${MAX_RECORD_BYTES / 1024 / 1024} MB long, most likely because a quote (") in it is never closed`)
    }
    // A quote still open at the end of the file: csv-parser gives the rest of the file as the last
    // row, quote and line breaks included, whose field count may well match the header's. So it is
    // an error naming the row rather than a row for the field count to reject. csv-parser's parse
    // state is read directly (it is pinned to an exact version for this).
    if (held && (parser as unknown as { state: { quoted: boolean } }).state.quoted) throw unreadable(rows - 2, 'opens a quote (") that is never closed')
    if (held) yield { fields: held, bytes: read }
  } finally {
    // Stopped early (or failed): let go of the file.
    await reader.cancel().catch(() => undefined)
  }
}

function unreadable(index: number, why: string): AppError {
  const message = `Row ${spreadsheetRow(index)} ${why}. Close or remove that quote, then upload the file again.`
  return new AppError('VALIDATION', message, [{ path: 'file', message }])
}
