import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/lib/errors'
import { csvRecords, type CsvRecord } from '../../src/lib/imports/records'
import { testEnv } from '../helpers/app'
import { BOM, csvLine, stored, windows1252 } from './file-fixtures'

// Reading an uploaded file's rows back, streamed from R2, as the import job does.

const UTF8 = { encoding: 'utf-8', bom: false, delimiter: ',' } as const

async function read(key: string, shape: Parameters<typeof csvRecords>[2] = UTF8, from = 0, bucket: R2Bucket = testEnv.FILES): Promise<CsvRecord[]> {
  const records: CsvRecord[] = []
  for await (const record of csvRecords(bucket, key, shape, from)) records.push(record)
  return records
}

// The bucket, counting the bytes and chunks its objects' bodies are read in.
function watched() {
  const seen = { bytes: 0, chunks: 0 }
  const count = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen.bytes += chunk.length
      seen.chunks++
      controller.enqueue(chunk)
    },
  })
  const bucket = {
    get: async (key: string) => {
      const object = (await testEnv.FILES.get(key)) as R2ObjectBody
      return { ...object, body: object.body.pipeThrough(count) }
    },
  } as unknown as R2Bucket
  return { bucket, seen }
}

// Values that make a parser's life hard: the delimiter, quotes and line breaks inside values, and
// characters of two to four bytes, which a read chunk can end in the middle of.
const awkward = (i: number): string[] => [String(i), `Name ${i}, Jr.`, `says "hi"\r\nand\nbye ${i}`, `Zoë ${'€'.repeat(i % 7)} 😀`, i % 5 ? `plain ${i}` : '']

describe('csvRecords', () => {
  it('reads back a file of several read chunks exactly, whatever crosses a chunk boundary', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => awkward(i))
    const body = csvLine(['Id', 'Name', 'Note', 'Text', 'Other']) + rows.map((r) => csvLine(r)).join('')
    const bytes = new TextEncoder().encode(body)
    const { bucket, seen } = watched()
    const records = await read(await stored(bytes), UTF8, 0, bucket)
    expect(seen.chunks).toBeGreaterThan(10)
    expect(records.map((r) => r.fields)).toEqual(rows)
    expect(records.map((r) => r.index)).toEqual(rows.map((_, i) => i))
    // Offsets for progress: rising, and the last row ends at the end of the file.
    expect(records.every((r, i) => i === 0 || r.bytes > (records[i - 1] as CsvRecord).bytes)).toBe(true)
    expect(bytes.length - (records.at(-1) as CsvRecord).bytes).toBeLessThanOrEqual(2)
  })

  it('reads back any small file as written', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ',', ';', '"', '\n', '\r\n', ' ') })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), fc.constantFrom(',', ';'), async (rows, delimiter) => {
        const key = await stored(csvLine(['a', 'b', 'c'], delimiter) + rows.map((r) => csvLine(r, delimiter)).join(''))
        expect((await read(key, { ...UTF8, delimiter })).map((r) => r.fields)).toEqual(rows)
      }),
      { numRuns: 30 },
    )
  })

  it('starts after the first `from` rows, numbering rows as before', async () => {
    const key = await stored('Name,Email\nAda,ada@example.com\nAlan,alan@example.com\nGrace,grace@example.com\n')
    const records = await read(key, UTF8, 2)
    expect(records.map(({ index, fields }) => ({ index, fields }))).toEqual([{ index: 2, fields: ['Grace', 'grace@example.com'] }])
  })

  it('leaves empty lines out without counting them', async () => {
    const key = await stored('Name,Email\r\n\r\nAda,ada@example.com\r\n\r\n\r\nAlan,alan@example.com\r\nGrace,grace@example.com\r\n\r\n')
    expect((await read(key)).map(({ index, fields }) => ({ index, fields }))).toEqual([
      { index: 0, fields: ['Ada', 'ada@example.com'] },
      { index: 1, fields: ['Alan', 'alan@example.com'] },
      { index: 2, fields: ['Grace', 'grace@example.com'] },
    ])
  })

  it('reads a file whose lines end in \\r alone, as Excel for Mac writes them', async () => {
    const key = await stored('Name,Note\rAda,"two\rlines"\rAlan,ok\r')
    expect((await read(key)).map((r) => r.fields)).toEqual([
      ['Ada', 'two\rlines'],
      ['Alan', 'ok'],
    ])
  })

  it('decodes Windows-1252 with its delimiter', async () => {
    const key = await stored(windows1252('Name;Note\r\nCafé Crème;5 € – “special”\r\nNaïve;‘single’\r\n'))
    const records = await read(key, { encoding: 'windows-1252', bom: false, delimiter: ';' })
    expect(records.map((r) => r.fields)).toEqual([
      ['Café Crème', '5 € – “special”'],
      ['Naïve', '‘single’'],
    ])
  })

  it('leaves the BOM out of the values', async () => {
    const key = await stored(`${BOM}Email\nada@example.com\n`)
    expect((await read(key, { ...UTF8, bom: true })).map((r) => r.fields)).toEqual([['ada@example.com']])
  })

  it('yields rows with the wrong number of fields as they are', async () => {
    const key = await stored('a,b,c\n1,2\n1,2,3,4\n')
    expect((await read(key)).map((r) => r.fields)).toEqual([
      ['1', '2'],
      ['1', '2', '3', '4'],
    ])
  })

  it('fails on a quote that is never closed, naming the row, without reading the rest of the file', async () => {
    const body = 'Name,Note\nAda,fine\nAlan,"never closed\n' + 'Grace,row\n'.repeat(500_000)
    const key = await stored(body)
    const { bucket, seen } = watched()
    const error = await read(key, UTF8, 0, bucket).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/^Row 3 .*quote/)
    expect(seen.bytes).toBeLessThan(body.length / 2)
  })

  it('fails with the row when the file ends inside a quote', async () => {
    const key = await stored('Name,Note\nAda,fine\nAlan,ok\nGrace,"open\nand on\n')
    await expect(read(key)).rejects.toThrow(/^Row 4 opens a quote/)
  })
})
