import { spreadsheetRow, type FileProblem } from '../../domain/imports/vocab'
import { AppError } from '../errors'
import { parseCsv } from './records'

// Reads the start of an uploaded file from R2 (a range read, never the whole file) and finds how to
// read it: encoding (UTF-8 with or without BOM, else Windows-1252; UTF-16 and binary files are a
// blocking problem), delimiter (comma, semicolon, tab or pipe; blocking when none fits), the headers
// (duplicates are blocking), the first 20 data rows, and rows in that sample whose field count
// differs from the header's (a warning).
export type FileShape = {
  encoding: 'utf-8' | 'windows-1252'
  bom: boolean
  delimiter: string
  headers: string[]
  preview: string[][]
  problems: FileProblem[]
}

const SAMPLE_BYTES = 1024 * 1024
const PREVIEW_ROWS = 20
// Rows the check reads (for field counts): enough to catch a common mistake, few enough to read quickly.
const SAMPLE_ROWS = 10_000
const DELIMITERS = [',', ';', '\t', '|']
// Enough lines to tell the delimiters apart, few enough to count four times over.
const DELIMITER_LINES = 100
const LISTED_ROWS = 100

const blocking = (code: FileProblem['code'], message: string): FileProblem => ({ code, message, blocking: true })

export async function inspectFile(bucket: R2Bucket, key: string): Promise<FileShape> {
  const head = await bucket.head(key)
  if (!head) throw new AppError('NOT_FOUND', 'The uploaded file is no longer there. Upload it again.')
  // R2 refuses a range read of an empty object.
  const object = head.size ? await bucket.get(key, { range: { offset: 0, length: SAMPLE_BYTES } }) : null
  const sample = object ? new Uint8Array(await object.arrayBuffer()) : new Uint8Array()
  const whole = head.size <= sample.length
  const shape: FileShape = { encoding: 'utf-8', bom: false, delimiter: ',', headers: [], preview: [], problems: [] }
  const done = (problem: FileProblem): FileShape => ({ ...shape, problems: [...shape.problems, problem] })

  const decoded = decode(sample, whole)
  if (!decoded) return done(blocking('unknown_encoding', 'This file is not text we can read: it looks like UTF-16 or a binary file such as an Excel workbook. Open it in your spreadsheet app, save it as "CSV UTF-8", and upload that file.'))
  Object.assign(shape, { encoding: decoded.encoding, bom: decoded.bom })
  if (!decoded.text.trim()) return done(blocking('empty_file', 'The file is empty. Export it again with a header row and the rows to import.'))

  const delimiter = detectDelimiter(decoded.text, whole)
  if (!delimiter) return done(blocking('unknown_delimiter', 'We could not tell how the columns are separated: no comma, semicolon, tab or pipe splits the rows into the same columns as the header. Save the file as "CSV UTF-8 (comma delimited)" and upload it again.'))
  shape.delimiter = delimiter

  // The check reads whole rows, at most SAMPLE_ROWS of them: a sample cut short (by the range read
  // or by that cap) ends after its last complete row, so that no row is read half, and a quoted
  // value that goes on past the cut is not taken for an unclosed one.
  const lines = scanLines(decoded.text, delimiter, SAMPLE_ROWS + 1, whole)
  const text = whole && lines.counts.length <= SAMPLE_ROWS ? decoded.text : decoded.text.slice(0, lines.end)
  const partial = text !== decoded.text
  if (!text) return done(blocking('unreadable', `The first row is over ${SAMPLE_BYTES / 1024 / 1024} MB long, most likely because a quote (") in it is never closed. Close or remove that quote, then upload the file again.`))
  const records: string[][] = []
  try {
    for await (const record of parseCsv(new Response(text).body as ReadableStream<Uint8Array>, delimiter)) records.push(record.fields)
  } catch (err) {
    if (err instanceof AppError) return done(blocking('unreadable', err.message))
    throw err
  }

  const [header = [], ...rows] = records
  shape.headers = header.map((name) => name.trim())
  shape.preview = rows.slice(0, PREVIEW_ROWS)
  if (rows.length === 0) return done(blocking('empty_file', 'The file has a header row but no rows under it. Export it again with the rows to import.'))
  const repeated = duplicates(shape.headers)
  if (repeated.length) shape.problems.push(blocking('duplicate_headers', `The header row names ${repeated.map((name) => `"${name}"`).join(', ')} more than once. Give each column its own name (or remove the extra column), then upload the file again.`))
  const uneven = rows.flatMap((fields, index) => (fields.length === header.length ? [] : [spreadsheetRow(index)]))
  if (uneven.length) shape.problems.push(fieldCountWarning(uneven, header.length, partial))
  return shape
}

type Decoded = { encoding: FileShape['encoding']; bom: boolean; text: string }

// UTF-8 when the bytes are valid UTF-8 (or a BOM says so), else Windows-1252, which every byte
// decodes in: what Excel writes for "CSV" on Windows. UTF-16 and binary files have NUL bytes.
function decode(sample: Uint8Array, whole: boolean): Decoded | undefined {
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)
  if (utf16 || sample.includes(0)) return undefined
  const bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf
  try {
    // stream: a character cut by the end of a partial sample waits for bytes that never come,
    // rather than failing the check.
    return { encoding: 'utf-8', bom, text: new TextDecoder('utf-8', { fatal: !bom, ignoreBOM: false }).decode(sample, { stream: !whole }) }
  } catch {
    return { encoding: 'windows-1252', bom: false, text: new TextDecoder('windows-1252').decode(sample) }
  }
}

// The delimiter that splits the header and most rows into the same number of fields; of two that
// do it equally well, the one that makes more columns. A file none of them splits is one column.
// Undefined when two fit exactly as well, or none fits most rows.
function detectDelimiter(text: string, whole: boolean): string | undefined {
  const fits = DELIMITERS.map((delimiter) => {
    const [header = 1, ...rows] = scanLines(text, delimiter, DELIMITER_LINES, whole).counts
    const agree = rows.length ? rows.filter((n) => n === header).length / rows.length : 1
    return { delimiter, header, agree }
  })
    .filter((fit) => fit.header > 1)
    .sort((a, b) => b.agree - a.agree || b.header - a.header)
  const [best, next] = fits
  if (!best) return ','
  if (best.agree < 0.5 || (next && next.agree === best.agree && next.header === best.header)) return undefined
  return best.delimiter
}

// The number of fields on each of the first `maxLines` non-empty lines, as csv-parser reads them: a
// line break ends a row only after an even number of quotes (any quote counts, not only one that
// opens a value), and within a row a quote opens a value that only a quote followed by the
// delimiter closes ("" inside it being a quote), so a delimiter inside does not count. `end` is
// where the last complete line ends; a last line with no line break after it counts only when the
// text is the whole file.
function scanLines(text: string, delimiter: string, maxLines: number, whole: boolean): { counts: number[]; end: number } {
  const counts: number[] = []
  let end = 0
  let fields = 1
  let open = false
  let quoted = false
  let empty = true
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const c = text[i]
    if (c === '"') {
      if (quoted && text[i + 1] === '"') i++
      else {
        open = !open
        if (!quoted || text[i + 1] === delimiter) quoted = !quoted
      }
      empty = false
    } else if (!open && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++
      if (!empty) counts.push(fields)
      end = i + 1
      fields = 1
      quoted = false
      empty = true
    } else {
      if (c === delimiter && !quoted) fields++
      empty = false
    }
  }
  if (whole && !empty && counts.length < maxLines) counts.push(fields)
  return { counts, end }
}

// Headers that appear more than once, compared trimmed and case-insensitively, as first written.
// Unnamed columns are left out: they are never mapped, so a repeat does no harm.
function duplicates(headers: string[]): string[] {
  const seen = new Map<string, number>()
  for (const name of headers) if (name) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1)
  return [...seen].filter(([, n]) => n > 1).map(([lower]) => headers.find((name) => name.toLowerCase() === lower) as string)
}

function fieldCountWarning(rows: number[], fields: number, partial: boolean): FileProblem {
  const listed = rows.slice(0, 10).join(', ') + (rows.length > 10 ? ` and ${rows.length - 10} more` : '')
  const where = partial ? ' in the first part of the file' : ''
  const [subject, verb, it] = rows.length === 1 ? ['Row', 'has', 'it'] : ['Rows', 'have', 'they']
  const message = `${subject} ${listed}${where} ${verb} a different number of fields than the header (${fields}), so ${it} will not be imported. Often a value holds the delimiter without quotes around it. Fix those rows in the file, or import the rest and correct them from the error file.`
  return { code: 'field_count', message, blocking: false, rows: rows.slice(0, LISTED_ROWS) }
}
