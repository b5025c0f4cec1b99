// Errors reach the app as Neon's would: PostgreSQL's fields on a NeonDbError (inside drizzle's
// DrizzleQueryError for single queries), multi-statement strings refused, bad requests answered 4xx.
import { request } from 'node:http'
import { DrizzleQueryError, sql as dsql } from 'drizzle-orm'
import { integer, pgTable, text } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNeonServer } from '../../../tools/neon-local/server.ts'
import { DB_ERROR_FIELDS } from '../../../tools/neon-local/types.ts'
import { backendCases, pgErrorOf, postSql, rejectionOf, startLocalNeon, type LocalNeon } from './backends.ts'

const contacts = pgTable('contacts', { id: integer('id').primaryKey(), email: text('email').notNull() })

describe.each(backendCases)('errors on $name', (backendCase) => {
  let local: LocalNeon
  beforeAll(async () => {
    local = await startLocalNeon(backendCase)
    await local.sql.query(
      'CREATE TABLE contacts (id int PRIMARY KEY, email text NOT NULL, CONSTRAINT contacts_email_key UNIQUE (email))',
    )
    await local.db.insert(contacts).values({ id: 1, email: 'taken@example.com' })
  })
  afterAll(() => local.close())

  it('surfaces a unique violation with its code, constraint and detail', async () => {
    const error = await rejectionOf(local.db.insert(contacts).values({ id: 2, email: 'taken@example.com' }))
    // drizzle 0.45 wraps single-query failures: the app must look at `.cause` for the SQLSTATE.
    expect(error).toBeInstanceOf(DrizzleQueryError)
    expect(error instanceof Error && error.message).toMatch(/^Failed query: insert into "contacts"/)
    expect(pgErrorOf(error)).toMatchObject({
      name: 'NeonDbError',
      message: 'duplicate key value violates unique constraint "contacts_email_key"',
      severity: 'ERROR',
      code: '23505',
      constraint: 'contacts_email_key',
      schema: 'public',
      table: 'contacts',
      detail: 'Key (email)=(taken@example.com) already exists.',
    })
  })

  it('answers only with PostgreSQL error fields (PGlite hangs query and params on its errors)', async () => {
    const { status, json } = await postSql(local.server.url, {
      query: 'insert into contacts values ($1, $2)',
      params: ['1', 'other@example.com'],
    })
    expect(status).toBe(400)
    expect(json).toMatchObject({ code: '23505', constraint: 'contacts_pkey' })
    expect(Object.keys(json ?? {}).filter((k) => !['message', ...DB_ERROR_FIELDS].includes(k))).toEqual([])
  })

  it('reports where a syntax error is', async () => {
    const error = await rejectionOf(local.db.execute(dsql`selec 1`))
    expect(pgErrorOf(error)).toMatchObject({ code: '42601', position: '1', message: 'syntax error at or near "selec"' })
  })

  it('refuses several statements in one query, with or without params', async () => {
    for (const attempt of [
      local.db.execute(dsql.raw('select 1; select 2')),
      local.db.execute(dsql`select ${'x'}::text; select 2`),
      local.db.execute(
        dsql.raw(`insert into contacts values (5, 'five@example.com'); insert into contacts values (6, 'six@example.com')`),
      ),
    ]) {
      expect(pgErrorOf(await rejectionOf(attempt))).toMatchObject({
        code: '42601',
        message: 'cannot insert multiple commands into a prepared statement',
      })
    }
    // Nothing of the refused string ran.
    expect(await local.sql`select count(*)::int as n from contacts where id in (5, 6)`).toEqual([{ n: 0 }])
  })

  it('still runs one statement with semicolons in literals, or a trailing semicolon', async () => {
    expect(await local.sql.query(`select 'a;b' as v, $1::text as w;`, ['c;d'])).toEqual([{ v: 'a;b', w: 'c;d' }])
  })

  it('refuses what is not a Neon query request', async () => {
    const notPost = await fetch(local.server.url)
    expect(notPost.status).toBe(405)
    const notJson = await fetch(local.server.url, { method: 'POST', body: '{"query": ' })
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toEqual({ message: 'Request body is not valid JSON' })
    const malformed = [
      [],
      { query: 1 },
      { query: 'select $1', params: [1] },
      { query: 'select 1', params: 'x' },
      { queries: {} },
      { queries: [{}] },
    ]
    for (const body of malformed) {
      const { status, json } = await postSql(local.server.url, body)
      expect({ body, status }).toEqual({ body, status: 400 })
      expect(json).toMatchObject({ message: expect.any(String) })
    }
  })

  it('serves at any path', async () => {
    const url = new URL('/v2/other', local.server.url).href
    const { status, json } = await postSql(url, { query: 'select 1 as one', params: [] })
    expect({ status, json }).toMatchObject({ status: 200, json: { rows: [['1']] } })
  })

  it('caps request bodies with 413, whether declared or streamed', async () => {
    const small = await startNeonServer(local.backend, { maxBodyBytes: 1024 })
    try {
      const big = JSON.stringify({ query: `select '${'x'.repeat(2048)}'`, params: [] })
      const declared = await fetch(small.url, { method: 'POST', body: big })
      expect(declared.status).toBe(413)
      expect(await rawPost(small.port, [big.slice(0, 1000), big.slice(1000)])).toBe(413) // chunked
      expect(await rawPost(small.port, ['{"query":"select 1",', '"params":[]}'])).toBe(200)
    } finally {
      await small.close()
    }
    // The default cap (64 MB) answers from the Content-Length alone, before any body arrives.
    const tooLong = { 'Content-Length': String(64 * 1024 * 1024 + 1) }
    expect(await rawPost(local.server.port, [], tooLong)).toBe(413)
  })
})

// A POST written chunk by chunk (Transfer-Encoding: chunked unless a length is given).
function rawPost(port: number, chunks: string[], headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/sql', method: 'POST', headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.flushHeaders()
    for (const chunk of chunks) req.write(chunk)
    // With a declared length and no body, stay open: the answer must not wait for the body.
    if (headers['Content-Length'] === undefined) req.end()
    else req.on('response', () => req.destroy())
  })
}
