import { csvParseRows } from 'd3-dsv'
import { beforeAll, describe, expect, it } from 'vitest'
import { csvChunks, csvStream } from '../../src/lib/exports/csv-stream'
import { exportSource } from '../../src/lib/exports/source'
import { testDb } from '../helpers/app'
import { column, csvOf, seedContacts, workspace, type Workspace } from './fixtures'

// An export streams: the first rows go out while later pages have not been read yet, one query
// per chunk, and the whole file arrives in the list's order.

const ROWS = 3000
let ws: Workspace

beforeAll(async () => {
  ws = await workspace('Export streaming')
  await seedContacts(ws, ROWS)
}, 60_000)

describe('streaming an export', () => {
  it('sends the first rows before the query for the last chunk has run', async () => {
    const source = exportSource(testDb(), ws.tenantId, { userId: ws.userId, role: 'admin', visibility: 'all' }, { entity: 'contacts', filters: {}, view: undefined })
    const queries: (string | undefined)[] = []
    const watched = { header: source.header, chunk: (cursor: string | undefined, limit: number) => (queries.push(cursor), source.chunk(cursor, limit)) }
    const reader = csvStream(csvChunks(watched, 500), {}).getReader()
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

    const header = await reader.read()
    const first = await reader.read()
    const firstText = decoder.decode(first.value)
    // Header and 500 rows are out; at most the next chunk's query has started.
    expect(decoder.decode(header.value)).toBe('\uFEFFFirst name,Last name,Email,Phone,Title,Account,Status,Owner,Tags,Last contacted,Created\r\n')
    expect(csvParseRows(firstText.trimEnd()).map((r) => r[1])).toEqual(Array.from({ length: 500 }, (_, i) => String(i)))
    expect(queries.length).toBeLessThanOrEqual(2)

    let rest = ''
    let chunks = 2
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      rest += decoder.decode(next.value)
      chunks++
    }
    // One query per chunk of 500, each after the last one's cursor, and a chunk out per query.
    expect(queries).toHaveLength(ROWS / 500)
    expect(queries[0]).toBeUndefined()
    expect(new Set(queries).size).toBe(queries.length)
    expect(chunks).toBe(1 + ROWS / 500)
    expect(csvParseRows(rest.trimEnd()).map((r) => r[1])).toEqual(Array.from({ length: ROWS - 500 }, (_, i) => String(i + 500)))
  })

  it('serves every row of a 3,000-row list through the page, newest first', async () => {
    const rows = await csvOf(await ws.admin.post('/contacts/export.csv', {}))
    expect(rows).toHaveLength(ROWS + 1)
    expect(column(rows, 'Last name')).toEqual(Array.from({ length: ROWS }, (_, i) => String(i)))
  })
})
