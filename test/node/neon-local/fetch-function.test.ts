// The same protocol in-process: neonConfig.fetchFunction hands the driver's requests straight to
// the handler, with no server listening (the endpoint URL points nowhere on purpose).
import { neon, neonConfig } from '@neondatabase/serverless'
import { DrizzleQueryError, eq } from 'drizzle-orm'
import { drizzle, type NeonHttpDatabase } from 'drizzle-orm/neon-http'
import { integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFetchFunction } from '../../../tools/neon-local/handler.ts'
import type { Backend } from '../../../tools/neon-local/types.ts'
import { backendCases, CONNECTION_STRING, pgErrorOf, rejectionOf } from './backends.ts'

const deals = pgTable('deals', {
  id: integer('id').primaryKey(),
  title: text('title').notNull().unique('deals_title_key'),
  amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
})

describe.each(backendCases)('in-process fetchFunction on $name', (backendCase) => {
  let backend: Backend
  let dispose: () => Promise<void>
  let db: NeonHttpDatabase
  const saved = { fetchEndpoint: neonConfig.fetchEndpoint, fetchFunction: neonConfig.fetchFunction }

  beforeAll(async () => {
    ;({ backend, dispose } = await backendCase.open())
    neonConfig.fetchFunction = createFetchFunction(backend)
    neonConfig.fetchEndpoint = 'http://in-process.invalid/sql'
    const sql = neon(CONNECTION_STRING)
    db = drizzle({ client: sql })
    await sql.query(`CREATE TABLE deals (id int PRIMARY KEY, title text NOT NULL CONSTRAINT deals_title_key UNIQUE,
      amount numeric(16, 2) NOT NULL, closed_at timestamptz)`)
  })
  afterAll(async () => {
    Object.assign(neonConfig, saved)
    await dispose()
  })

  it('round-trips rows', async () => {
    const closedAt = new Date('2025-06-30T23:59:59.999Z')
    await db.insert(deals).values({ id: 1, title: 'Renewal', amount: '99999999999999.99', closedAt })
    expect(await db.select().from(deals).where(eq(deals.id, 1))).toEqual([
      { id: 1, title: 'Renewal', amount: '99999999999999.99', closedAt },
    ])
  })

  it('runs batches as one transaction', async () => {
    const error = await rejectionOf(
      db.batch([
        db.insert(deals).values({ id: 2, title: 'Upsell', amount: '1.00' }),
        db.insert(deals).values({ id: 3, title: 'Renewal', amount: '2.00' }),
      ]),
    )
    expect(error).toMatchObject({ name: 'NeonDbError', code: '23505', constraint: 'deals_title_key' })
    expect(await db.select({ id: deals.id }).from(deals)).toEqual([{ id: 1 }])
  })

  it('surfaces errors as the HTTP path does', async () => {
    const error = await rejectionOf(db.insert(deals).values({ id: 1, title: 'Other', amount: '1' }))
    expect(error).toBeInstanceOf(DrizzleQueryError)
    expect(pgErrorOf(error)).toMatchObject({ name: 'NeonDbError', code: '23505', constraint: 'deals_pkey' })
  })

  it('answers protocol errors without a server', async () => {
    const fetchFunction = createFetchFunction(backend)
    expect((await fetchFunction('http://in-process.invalid/sql')).status).toBe(405)
    const res = await fetchFunction('http://in-process.invalid/sql', { method: 'POST', body: 'nope' })
    expect(res.status).toBe(400)
  })
})
