import { csvParseRows } from 'd3-dsv'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BOM, csvLine, exportFilename, safeText, type Cell } from '../../src/domain/exports/csv'
import { fixedParts } from '../../src/lib/exports/files'

// What a spreadsheet would run as a formula, and what it must show as text.
describe('formula guard', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0958', "'+44 20 7946 0958"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\0=1+1', "'\0=1+1"],
    ['=HYPERLINK("http://evil.test","Click")', '\'=HYPERLINK("http://evil.test","Click")'],
  ])('prefixes %j with an apostrophe', (value, safe) => {
    expect(safeText(value)).toBe(safe)
  })

  it.each(['Acme', 'a=b', 'x+y', 'jane@example.com', '2026-05-01T10:00:00.000Z', ' =1', "'quoted", ''])('leaves %j alone', (value) => {
    expect(safeText(value)).toBe(value)
  })

  it('guards text in a line, but not the numbers we computed', () => {
    expect(csvLine(['=cmd|calc', -5, 1200.5, null, '@x'])).toBe("'=cmd|calc,-5,1200.5,,'@x\r\n")
  })
})

describe('CSV round trip', () => {
  const rows: Cell[][] = [
    ['Name', 'Note', 'Amount'],
    ['O\'Brien, "Ltd"', 'line one\nline two', 1234.56],
    ['Zoë Ørsted', 'Straße 5 — 東京 🚀', 0],
    ['', 'comma, and "quotes"', null],
    ['carriage\r\nreturn', '=SUM(1)', -3],
  ]

  it('reads back exactly what was written, with quotes, commas, line breaks and Unicode', () => {
    const text = rows.map(csvLine).join('')
    const parsed = csvParseRows(text.replace(/\r\n$/, ''))
    expect(parsed).toEqual([
      ['Name', 'Note', 'Amount'],
      ['O\'Brien, "Ltd"', 'line one\nline two', '1234.56'],
      ['Zoë Ørsted', 'Straße 5 — 東京 🚀', '0'],
      ['', 'comma, and "quotes"', ''],
      ['carriage\r\nreturn', "'=SUM(1)", '-3'],
    ])
  })

  it('reads back any text, as the formula guard leaves it, through an independent parser (d3-dsv)', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('"', ',', '\n', '\r', '\r\n', '""', ' "a",b '))
    // A line of one empty field is an empty line, which a parser reads as no row at all.
    const row = fc.array(text, { minLength: 1, maxLength: 5 }).filter((cells) => cells.length > 1 || cells[0] !== '')
    fc.assert(
      fc.property(row, (cells) => {
        expect(csvParseRows(csvLine(cells).slice(0, -2))).toEqual([cells.map(safeText)])
      }),
      { numRuns: 1000 },
    )
  })

  it('quotes per RFC 4180 and ends lines with CRLF', () => {
    expect(csvLine(['a"b', 'c,d', 'e\nf', 'plain'])).toBe('"a""b","c,d","e\nf",plain\r\n')
  })

  it('the BOM is U+FEFF, three bytes in UTF-8', () => {
    expect([...new TextEncoder().encode(BOM)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe('exportFilename', () => {
  const at = new Date('2026-05-01T23:30:00Z')
  it('names the list and the day', () => expect(exportFilename('contacts', undefined, at)).toBe('contacts-2026-05-01.csv'))
  it('adds the view’s name as ASCII', () => expect(exportFilename('opportunities', 'High-value deals — Q2 "Zoë"!', at)).toBe('opportunities-high-value-deals-q2-zoe-2026-05-01.csv'))
  it('drops a name with nothing ASCII in it', () => expect(exportFilename('leads', '東京', at)).toBe('leads-2026-05-01.csv'))
})

describe('fixedParts', () => {
  async function* chunks(sizes: number[]) {
    let n = 0
    for (const size of sizes) yield Uint8Array.from({ length: size }, () => n++ % 256)
  }
  const collect = async (sizes: number[], part: number) => {
    const out: Uint8Array[] = []
    for await (const p of fixedParts(chunks(sizes), part)) out.push(p.slice())
    return out
  }

  it('regroups chunks of any size into equal parts and a shorter last one, bytes in order', async () => {
    const parts = await collect([3, 10, 1, 7, 4], 8)
    expect(parts.map((p) => p.length)).toEqual([8, 8, 8, 1])
    expect(parts.flatMap((p) => [...p])).toEqual(Array.from({ length: 25 }, (_, i) => i))
  })

  it('ends on a full part without an empty one after it', async () => {
    expect((await collect([4, 4], 4)).map((p) => p.length)).toEqual([4, 4])
  })
})
