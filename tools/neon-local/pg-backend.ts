// A real PostgreSQL server as a backend of the local Neon endpoint (CI, or anyone with a server).
import pg from 'pg'
import { transactionModes, type Backend, type QueryResult, type SqlQuery } from './types.ts'

type TextRow = (string | null)[]

// @types/pg does not declare queryMode, though pg 8 honours it.
type ExtendedArrayQuery = pg.QueryArrayConfig<(string | null)[]> & { queryMode: 'extended' }

// Text straight through: never turn a value into a JS one, the neon client parses by OID itself.
const TEXT_TYPES: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value }

export function createPgBackend(connectionString: string): Backend {
  const pool = new pg.Pool({
    connectionString,
    // Neon's session defaults; the client's timestamptz parsing relies on the "+00" ISO output.
    options: '-c TimeZone=UTC -c DateStyle=ISO,MDY',
  })
  // An idle pooled connection can be killed under us (e.g. DROP DATABASE ... WITH (FORCE) at the end
  // of a test run). Without a listener that 'error' event would crash the process; the pool already
  // discards the client, so there is nothing else to do.
  pool.on('error', () => undefined)

  return {
    kind: 'pg',
    async query(q) {
      const client = await pool.connect()
      try {
        return await run(client, q)
      } finally {
        // A lone BEGIN (or a broken connection) must not go back into the pool: discard it, as Neon
        // discards a connection left in a transaction.
        client.release(client.getTransactionStatus() !== 'I')
      }
    },
    async batch(qs, opts) {
      const client = await pool.connect()
      let discard = false
      try {
        const modes = transactionModes(opts)
        await client.query(modes ? `BEGIN ${modes}` : 'BEGIN')
        try {
          const results: QueryResult[] = []
          for (const q of qs) results.push(await run(client, q))
          await client.query('COMMIT')
          return results
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            discard = true
          })
          throw error
        }
      } finally {
        client.release(discard || client.getTransactionStatus() !== 'I')
      }
    },
    close: () => pool.end(),
  }
}

// queryMode 'extended' forces Parse/Bind/Execute even without params, so a multi-statement string is
// rejected by the server (42601) exactly as on Neon, instead of pg falling back to the simple protocol.
async function run(client: pg.PoolClient, q: SqlQuery): Promise<QueryResult> {
  const config: ExtendedArrayQuery = {
    text: q.query,
    values: q.params,
    rowMode: 'array',
    queryMode: 'extended',
    types: TEXT_TYPES,
  }
  const res = await client.query<TextRow>(config)
  return {
    fields: res.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: res.rows,
    command: res.command ?? '',
    rowCount: res.rowCount,
    rowAsArray: true,
  }
}
