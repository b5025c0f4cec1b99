// Batches (drizzle db.batch, neon sql.transaction) are one transaction: all or nothing, with the
// isolation level / read-only / deferrable modes the client asked for.
import { count, inArray } from 'drizzle-orm'
import { integer, pgTable, text } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchOptions } from '../../../tools/neon-local/types.ts'
import { backendCases, pgErrorOf, postSql, rejectionOf, startLocalNeon, type LocalNeon } from './backends.ts'

const contacts = pgTable('contacts', { id: integer('id').primaryKey(), email: text('email').notNull() })

// The modes as neon's sql.transaction() takes them, and what PostgreSQL then reports.
const MODE_CASES: { opts: BatchOptions; expected: { iso: string; ro: string; def: string } }[] = [
  { opts: {}, expected: { iso: 'read committed', ro: 'off', def: 'off' } },
  { opts: { isolationLevel: 'ReadUncommitted' }, expected: { iso: 'read uncommitted', ro: 'off', def: 'off' } },
  { opts: { isolationLevel: 'RepeatableRead' }, expected: { iso: 'repeatable read', ro: 'off', def: 'off' } },
  {
    opts: { isolationLevel: 'Serializable', readOnly: true, deferrable: true },
    expected: { iso: 'serializable', ro: 'on', def: 'on' },
  },
  { opts: { isolationLevel: 'ReadCommitted', readOnly: false }, expected: { iso: 'read committed', ro: 'off', def: 'off' } },
]

describe.each(backendCases)('batches on $name', (backendCase) => {
  let local: LocalNeon
  beforeAll(async () => {
    local = await startLocalNeon(backendCase)
    await local.sql.query(
      'CREATE TABLE contacts (id int PRIMARY KEY, email text NOT NULL, CONSTRAINT contacts_email_key UNIQUE (email))',
    )
    // Checked only at COMMIT, to exercise a batch that fails after its last statement.
    await local.sql.query(
      'CREATE TABLE slots (n int, CONSTRAINT slots_n_key UNIQUE (n) DEFERRABLE INITIALLY DEFERRED)',
    )
  })
  afterAll(() => local.close())

  const idsIn = async (ids: number[]) =>
    (await local.db.select({ id: contacts.id }).from(contacts).where(inArray(contacts.id, ids))).map((r) => r.id).sort()

  it('commits all statements and returns each result', async () => {
    const [first, second, counted] = await local.db.batch([
      local.db.insert(contacts).values({ id: 1, email: 'a@example.com' }).returning(),
      local.db.insert(contacts).values({ id: 2, email: 'b@example.com' }).returning({ id: contacts.id }),
      local.db.select({ n: count() }).from(contacts),
    ])
    expect(first).toEqual([{ id: 1, email: 'a@example.com' }])
    expect(second).toEqual([{ id: 2 }])
    expect(counted).toEqual([{ n: 2 }]) // later statements see earlier ones: same transaction
    expect(await idsIn([1, 2])).toEqual([1, 2])
  })

  it('rolls back everything when a statement in the middle fails', async () => {
    const error = await rejectionOf(
      local.db.batch([
        local.db.insert(contacts).values({ id: 10, email: 'x@example.com' }),
        local.db.insert(contacts).values({ id: 11, email: 'y@example.com' }),
        local.db.insert(contacts).values({ id: 12, email: 'a@example.com' }), // duplicate email
        local.db.insert(contacts).values({ id: 13, email: 'z@example.com' }),
      ]),
    )
    // db.batch is not wrapped by drizzle: the app gets the NeonDbError itself.
    expect(error).toMatchObject({ name: 'NeonDbError', code: '23505', constraint: 'contacts_email_key' })
    expect(await idsIn([10, 11, 12, 13])).toEqual([])
  })

  it('rolls back and reports an error raised by COMMIT itself', async () => {
    const error = await rejectionOf(
      local.sql.transaction([local.sql`insert into slots values (1)`, local.sql`insert into slots values (1)`]),
    )
    expect(error).toMatchObject({ code: '23505', constraint: 'slots_n_key' })
    expect(await local.sql`select count(*)::int as n from slots`).toEqual([{ n: 0 }])
  })

  it('refuses writes in a read-only batch (25006) and keeps nothing', async () => {
    const error = await rejectionOf(
      local.sql.transaction([local.sql`insert into contacts values (20, 'ro@example.com')`], {
        readOnly: true,
        isolationLevel: 'Serializable',
      }),
    )
    expect(pgErrorOf(error)).toMatchObject({ code: '25006' })
    expect(await idsIn([20])).toEqual([])
  })

  it.each(MODE_CASES)('runs the batch with the modes asked for: $opts', async ({ opts, expected }) => {
    const [rows] = await local.sql.transaction(
      [
        local.sql`select current_setting('transaction_isolation') as iso,
          current_setting('transaction_read_only') as ro, current_setting('transaction_deferrable') as def`,
      ],
      opts,
    )
    expect(rows).toEqual([expected])
  })

  it('does not let a lone BEGIN turn later single queries into one transaction', async () => {
    await local.sql.query('BEGIN')
    await local.sql.query(`insert into contacts values (30, 'begin@example.com')`)
    await local.sql.query('ROLLBACK') // would undo the insert if the BEGIN had stuck to the session
    expect(await idsIn([30])).toEqual([30])
  })

  it('rejects batch headers Neon would reject', async () => {
    const body = { queries: [{ query: 'select 1', params: [] }] }
    const bad: [string, string][] = [
      ['Neon-Batch-Isolation-Level', 'Chaos'],
      ['Neon-Batch-Read-Only', 'yes'],
      ['Neon-Batch-Deferrable', '1'],
    ]
    for (const [name, value] of bad) {
      const { status, json } = await postSql(local.server.url, body, { [name]: value })
      expect(status).toBe(400)
      expect(json).toMatchObject({ message: expect.stringContaining(name) })
    }
    expect(await postSql(local.server.url, body, { 'Neon-Batch-Read-Only': 'true' })).toMatchObject({ status: 200 })
  })
})
