import { BOM, csvLine } from '../../domain/exports/csv'
import { logger } from '../log'
import type { ExportSource } from './source'

// An export as CSV text, chunk by chunk: the byte order mark and header line first, then each
// page of rows as it is read. One query per chunk, issued only when the previous chunk has been
// taken, so memory holds one chunk whatever the export's size.
export async function* csvChunks(source: Pick<ExportSource, 'header' | 'chunk'>, chunkRows: number): AsyncGenerator<{ text: string; rows: number }> {
  yield { text: BOM + csvLine(source.header), rows: 0 }
  let cursor: string | undefined
  do {
    const page = await source.chunk(cursor, chunkRows)
    if (page.cells.length) yield { text: page.cells.map(csvLine).join(''), rows: page.cells.length }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}

// The chunks as a response body. Pull-based: the next chunk is read when the client has taken
// the last one, so a slow download slows the queries instead of piling rows up in memory, and a
// client that goes away (cancel) stops them. A failing query errors the stream: the download
// breaks off rather than ending as a silently short file.
export function csvStream(chunks: AsyncGenerator<{ text: string }>, log: Record<string, unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value.text))
      } catch (err) {
        logger.error('export.stream_failed', { ...log, error: String(err) })
        controller.error(err)
      }
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}
