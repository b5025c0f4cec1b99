// Values cross the endpoint as PostgreSQL text and come out of drizzle as the app's types.
import { eq, sql as dsql } from 'drizzle-orm'
import { bigint, boolean, jsonb, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendCases, postSql, startLocalNeon, type LocalNeon } from './backends.ts'

const samples = pgTable('samples', {
  id: serial('id').primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  atText: timestamp('at_text', { withTimezone: true, mode: 'string' }),
  amount: numeric('amount', { precision: 16, scale: 2 }),
  big: bigint('big', { mode: 'bigint' }),
  small: bigint('small', { mode: 'number' }),
  data: jsonb('data').$type<Record<string, unknown>>(),
  tags: text('tags').array(),
  flag: boolean('flag'),
  note: text('note'),
})

const CREATE_SAMPLES = `CREATE TABLE samples (
  id serial PRIMARY KEY, at timestamptz, at_text timestamptz, amount numeric(16, 2), big int8, small int8,
  data jsonb, tags text[], flag boolean, note text)`

describe.each(backendCases)('types through drizzle on $name', (backendCase) => {
  let local: LocalNeon
  beforeAll(async () => {
    local = await startLocalNeon(backendCase)
    await local.sql.query(CREATE_SAMPLES)
  })
  afterAll(() => local.close())

  it('round-trips every column type with full precision', async () => {
    const full = {
      at: new Date('2024-03-10T12:34:56.789Z'),
      atText: '2024-03-10 12:34:56.789+00',
      amount: '12345678901234.56',
      big: 9223372036854775807n,
      small: Number.MAX_SAFE_INTEGER,
      data: { nested: { list: [1, 'two', null, true] }, quote: 'he said "hi"', unicode: 'Zoë 🚀', n: 1.5 },
      tags: ['plain', 'with,comma', 'with "quotes"', 'back\\slash', '{braces}', 'NULL', ' spaced ', ''],
      flag: true,
      note: "it's; fine",
    }
    const [inserted] = await local.db.insert(samples).values(full).returning()
    const [read] = await local.db.select().from(samples).where(eq(samples.id, inserted?.id ?? -1))
    for (const row of [inserted, read]) {
      expect(row).toEqual({ id: expect.any(Number), ...full })
      expect(row?.at).toBeInstanceOf(Date)
      expect(typeof row?.big).toBe('bigint')
      expect(typeof row?.small).toBe('number')
    }
  })

  it('reads nulls as null and false as false', async () => {
    const [row] = await local.db.insert(samples).values({ flag: false, tags: [] }).returning()
    expect(row).toMatchObject({ at: null, atText: null, amount: null, big: null, small: null, data: null, note: null })
    expect(row?.flag).toBe(false)
    expect(row?.tags).toEqual([])
  })

  it('keeps NULL elements of a text[] apart from the string "NULL"', async () => {
    const result = await local.db.execute<{ tags: (string | null)[] }>(
      dsql`select array['a', null, 'NULL', 'b,c']::text[] as tags`,
    )
    expect(result.rows[0]?.tags).toEqual(['a', null, 'NULL', 'b,c'])
  })

  it('serves timestamps in UTC, whatever the offset they were written with', async () => {
    const [row] = await local.db
      .insert(samples)
      .values({ atText: '2024-01-01 00:00:00+05:30' })
      .returning({ atText: samples.atText })
    expect(row?.atText).toBe('2023-12-31 18:30:00+00')
    const [now] = await local.db.execute<{ now: string }>(dsql`select now()::text as now`).then((r) => r.rows)
    expect(now?.now).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00$/)
    expect(Math.abs(new Date(now?.now ?? '').getTime() - Date.now())).toBeLessThan(60_000)
  })

  it('sends PostgreSQL text output on the wire, never JS-parsed values', async () => {
    const { status, json } = await postSql(local.server.url, {
      query: `select 9007199254740993::int8 a, 1.50::numeric b, true c, '{"b":1,"a":[1,2]}'::jsonb d,
        array['x','y,z',null]::text[] e, timestamptz '2024-03-10 12:34:56.789Z' f, null::text g,
        $1::bytea h, date '2024-01-02' i, interval '1 day 2 hours' j, 0.1::float8 k, $2::int4 l`,
      params: ['\\x0a0b', '42'],
    })
    expect(status).toBe(200)
    expect(json).toEqual({
      fields: [
        { name: 'a', dataTypeID: 20 },
        { name: 'b', dataTypeID: 1700 },
        { name: 'c', dataTypeID: 16 },
        { name: 'd', dataTypeID: 3802 },
        { name: 'e', dataTypeID: 1009 },
        { name: 'f', dataTypeID: 1184 },
        { name: 'g', dataTypeID: 25 },
        { name: 'h', dataTypeID: 17 },
        { name: 'i', dataTypeID: 1082 },
        { name: 'j', dataTypeID: 1186 },
        { name: 'k', dataTypeID: 701 },
        { name: 'l', dataTypeID: 23 },
      ],
      rows: [
        [
          '9007199254740993',
          '1.50',
          't',
          '{"a": [1, 2], "b": 1}',
          '{x,"y,z",NULL}',
          '2024-03-10 12:34:56.789+00',
          null,
          '\\x0a0b',
          '2024-01-02',
          '1 day 02:00:00',
          '0.1',
          '42',
        ],
      ],
      command: 'SELECT',
      rowCount: 1,
      rowAsArray: true,
    })
  })

  it('reports command and rowCount of writes', async () => {
    const inserted = await local.sql.query('insert into samples (note) values ($1), ($2)', ['x', 'y'], {
      fullResults: true,
    })
    expect(inserted).toMatchObject({ command: 'INSERT', rowCount: 2 })
    const updated = await local.db.execute(dsql`update samples set note = 'z' where note in ('x', 'y')`)
    expect(updated).toMatchObject({ command: 'UPDATE', rowCount: 2 })
  })

  it('passes a Buffer parameter as bytea and returns it as a Buffer', async () => {
    const rows = await local.sql`select ${Buffer.from([0, 1, 254, 255])}::bytea as b`
    expect(rows[0]?.b).toEqual(Buffer.from([0, 1, 254, 255]))
  })
})
