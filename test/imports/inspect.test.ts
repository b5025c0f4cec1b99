import { describe, expect, it } from 'vitest'
import { inspectFile } from '../../src/lib/imports/inspect'
import { testEnv } from '../helpers/app'
import { BOM, stored, windows1252 } from './file-fixtures'

// The upload check: how to read a file (encoding, delimiter, headers) and what is wrong with it,
// from its first megabyte.

const inspect = async (body: string | Uint8Array) => inspectFile(testEnv.FILES, await stored(body))

describe('inspectFile: encoding', () => {
  it('reads UTF-8 without a BOM', async () => {
    const shape = await inspect('Name,Email\nJosé Müller,jose@example.com\n')
    expect(shape).toMatchObject({ encoding: 'utf-8', bom: false, delimiter: ',', headers: ['Name', 'Email'], preview: [['José Müller', 'jose@example.com']], problems: [] })
  })

  it('reads UTF-8 with a BOM, which stays out of the first header', async () => {
    const shape = await inspect(`${BOM}Name,Email\nZoë,zoe@example.com\n`)
    expect(shape).toMatchObject({ encoding: 'utf-8', bom: true, headers: ['Name', 'Email'], preview: [['Zoë', 'zoe@example.com']], problems: [] })
  })

  it('reads Excel’s Windows-1252 “CSV”, with é, € and curly quotes decoded', async () => {
    const shape = await inspect(windows1252('Name;Note\r\nCafé Crème;Costs 5 € – “special”\r\n'))
    expect(shape).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';', headers: ['Name', 'Note'], preview: [['Café Crème', 'Costs 5 € – “special”']], problems: [] })
  })

  it('keeps UTF-8 when the first megabyte ends halfway through a character', async () => {
    // "Names\n" then rows "aé\n": the é of row 262,142 starts on the sample's last byte.
    const rows = 'aé\n'.repeat(262_200)
    const shape = await inspect(`Names\n${rows}`)
    expect(shape.encoding).toBe('utf-8')
    expect(shape.preview[0]).toEqual(['aé'])
    expect(shape.problems).toEqual([])
  })

  it.each([
    ['UTF-16 with its BOM', Uint8Array.from([0xff, 0xfe, ...[...'Name,Email\n'].flatMap((c) => [c.charCodeAt(0), 0])])],
    ['UTF-16 without a BOM', Uint8Array.from([...'Name,Email\n'].flatMap((c) => [0, c.charCodeAt(0)]))],
    ['a binary file', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])],
  ])('refuses %s and says to save the file as CSV UTF-8', async (_, bytes) => {
    const shape = await inspect(bytes)
    expect(shape.problems).toEqual([expect.objectContaining({ code: 'unknown_encoding', blocking: true, message: expect.stringContaining('CSV UTF-8') })])
  })
})

describe('inspectFile: delimiter', () => {
  it.each([
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ])('finds a %s', async (_, d) => {
    const shape = await inspect(`First name${d}Last name${d}Email\nAda${d}Lovelace${d}ada@example.com\nAlan${d}Turing${d}alan@example.com\n`)
    expect(shape.delimiter).toBe(d)
    expect(shape.headers).toEqual(['First name', 'Last name', 'Email'])
    expect(shape.problems).toEqual([])
  })

  it('finds the semicolon of a file whose amounts have decimal commas', async () => {
    const shape = await inspect('Name;Amount\nAcme;1,5\nGlobex;2,25\nInitech;3\n')
    expect(shape.delimiter).toBe(';')
    expect(shape.preview).toEqual([['Acme', '1,5'], ['Globex', '2,25'], ['Initech', '3']])
  })

  it('does not count delimiters inside quoted values', async () => {
    // Counted inside quotes, commas would split every line in two just as the semicolons do.
    const shape = await inspect('"Name, full";Email\n"Doe, Jane";jane@example.com\n"Roe, Rick";rick@example.com\n')
    expect(shape.delimiter).toBe(';')
    expect(shape.headers).toEqual(['Name, full', 'Email'])
    expect(shape.problems).toEqual([])
  })

  it('reads a single-column file as one column', async () => {
    const shape = await inspect('Email\nada@example.com\nalan@example.com\n')
    expect(shape).toMatchObject({ delimiter: ',', headers: ['Email'], preview: [['ada@example.com'], ['alan@example.com']], problems: [] })
  })

  it('blocks a file that two delimiters split equally well', async () => {
    const shape = await inspect('a,b;c\n1,2;3\n4,5;6\n')
    expect(shape.problems).toEqual([expect.objectContaining({ code: 'unknown_delimiter', blocking: true })])
  })
})

describe('inspectFile: headers and rows', () => {
  it('trims headers and blocks on a header repeated in another case or spacing', async () => {
    const shape = await inspect(' Email ,Name, email\na@example.com,Ada,b@example.com\n')
    expect(shape.headers).toEqual(['Email', 'Name', 'email'])
    expect(shape.problems).toEqual([expect.objectContaining({ code: 'duplicate_headers', blocking: true, message: expect.stringContaining('"Email"') })])
  })

  it('warns about rows with another number of fields, numbered as a spreadsheet shows them', async () => {
    // The quoted line break makes row 3 start on line 4 of the file.
    const shape = await inspect('Name,Note,Email\nAda,"two\nlines",ada@example.com\nAlan,alan@example.com\nGrace,,grace@example.com,extra\nEdsger,,e@example.com\n')
    expect(shape.problems).toEqual([{ code: 'field_count', blocking: false, rows: [3, 4], message: expect.stringContaining('Rows 3, 4') }])
    expect(shape.preview).toHaveLength(4)
  })

  it('previews the first 20 rows', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `Person ${i},p${i}@example.com\n`).join('')
    const shape = await inspect(`Name,Email\n${rows}`)
    expect(shape.preview).toHaveLength(20)
    expect(shape.preview[19]).toEqual(['Person 19', 'p19@example.com'])
  })

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\r\n\r\n  \n'],
    ['a header with no rows', 'Name,Email\n'],
  ])('blocks %s', async (_, body) => {
    const shape = await inspect(body)
    expect(shape.problems).toEqual([expect.objectContaining({ code: 'empty_file', blocking: true })])
  })

  it('blocks a small file with a quote that is never closed, naming the row', async () => {
    const shape = await inspect('Name,Note\nAda,fine\nAlan,"never closed\nGrace,lost\n')
    expect(shape.problems).toEqual([expect.objectContaining({ code: 'unreadable', blocking: true, message: expect.stringContaining('Row 3') })])
  })
})

describe('inspectFile: large files', () => {
  // Rows of ~200 bytes up to 3 MB, one of which holds a quoted value with line breaks that runs
  // across the first megabyte's end.
  const large = () => {
    const row = (i: number) => `${i},Person ${i},"Street ${i}, Town",${'x'.repeat(160)}\n`
    let body = 'Id,Name,Address,Notes\n'
    for (let i = 0; body.length < 1024 * 1024 - 200; i++) body += row(i)
    body += `9999,Long,"${'line\n'.repeat(100)}",end\n`
    for (let i = 10_000; body.length < 3 * 1024 * 1024; i++) body += row(i)
    return body
  }

  it('reads only the first megabyte, and a quoted value cut by its end is no problem', async () => {
    const key = await stored(large())
    const ranges: unknown[] = []
    const bucket = { head: (k: string) => testEnv.FILES.head(k), get: (k: string, options?: R2GetOptions) => (ranges.push(options?.range), testEnv.FILES.get(k, options)) } as R2Bucket
    const shape = await inspectFile(bucket, key)
    expect(ranges).toEqual([{ offset: 0, length: 1024 * 1024 }])
    expect(shape).toMatchObject({ encoding: 'utf-8', delimiter: ',', headers: ['Id', 'Name', 'Address', 'Notes'], problems: [] })
    expect(shape.preview[0]).toEqual(['0', 'Person 0', 'Street 0, Town', 'x'.repeat(160)])
  })
})
