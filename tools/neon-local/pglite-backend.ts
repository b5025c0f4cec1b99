// Embedded PostgreSQL (PGlite, WASM) as a backend of the local Neon endpoint: no server to install,
// in memory for tests or persisted in a directory for `dev`.
import { PGlite, types, type Results } from '@electric-sql/pglite'
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { transactionModes, type Backend, type QueryResult, type SqlQuery } from './types.ts'

type TextRow = (string | null)[]

// PGlite speaks the extended protocol in query(), so like Neon it rejects "select 1; select 2".
export async function openPglite(dataDir?: string): Promise<PGlite> {
  // PGlite creates its own directory but not the parents (.data/ on a fresh clone).
  if (dataDir) mkdirSync(dirname(dataDir), { recursive: true })
  const db = await PGlite.create({ dataDir, extensions: { btree_gin, pg_trgm } })
  // PGlite is a single session, so session settings stick. Neon's defaults, set explicitly so a
  // persisted data directory or a PGlite release with other defaults cannot change what we serve.
  await db.exec(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'`)
  return db
}

// Call after migrations: from here on the instance hands back raw text, which other PGlite
// clients (e.g. drizzle-orm/pglite) would not expect.
export function createPgliteBackend(db: PGlite): Backend {
  useTextValues(db)
  const exclusive = createMutex()
  const run = (tx: Pick<PGlite, 'query'>, q: SqlQuery) =>
    tx.query<TextRow>(q.query, q.params, { rowMode: 'array' }).then(toQueryResult)

  return {
    kind: 'pglite',
    query: (q) =>
      exclusive(async () => {
        try {
          return await run(db, q)
        } finally {
          // A lone BEGIN must not leave the one shared session inside a transaction that the next
          // request would join (Neon discards such a connection instead of reusing it).
          if (db.isInTransaction()) await db.exec('ROLLBACK')
        }
      }),
    batch: (qs, opts) =>
      exclusive(() =>
        // transaction() BEGINs, COMMITs, and ROLLBACKs when the callback throws.
        db.transaction(async (tx) => {
          const modes = transactionModes(opts)
          if (modes) await tx.exec(`SET TRANSACTION ${modes}`)
          const results: QueryResult[] = []
          for (const q of qs) results.push(await run(tx, q))
          return results
        }),
      ),
    close: () => exclusive(() => db.close()),
  }
}

// Values must go out exactly as PostgreSQL's text output, and params (already text from the neon
// client) must go in untouched. A per-query `parsers` option cannot do this: it only overrides the
// OIDs it names, and PGlite then falls back to its module-wide parsers for every other OID. So the
// instance's own tables are replaced, every lookup answering identity. The Proxy also covers OIDs
// created later (enums, their arrays, domains); the explicit keys keep a spread copy correct too.
// Serializers matter as much: PGlite's bytea serializer throws on the "\x.." strings the client
// sends, and its boolean one rejects some spellings PostgreSQL accepts.
function useTextValues(db: PGlite): void {
  const identity = (value: string) => value
  const toText = (value: unknown) => String(value)
  const oids = new Set<string>([...Object.keys(types.parsers), ...Object.keys(db.parsers)])
  const serializerOids = new Set<string>([...Object.keys(types.serializers), ...Object.keys(db.serializers)])
  db.parsers = new Proxy(Object.fromEntries([...oids].map((oid) => [oid, identity])), {
    get: () => identity,
  })
  db.serializers = new Proxy(Object.fromEntries([...serializerOids].map((oid) => [oid, toText])), {
    get: () => toText,
  })
}

function toQueryResult(res: Results<TextRow>): QueryResult {
  return {
    fields: res.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: res.rows,
    command: res.command ?? '',
    rowCount: res.rowCount ?? null,
    rowAsArray: true,
  }
}

// A FIFO lock. PGlite already serialises single statements, but our own lock also makes "query, then
// roll back a stray BEGIN" and "close after in-flight work" atomic, independent of PGlite internals.
function createMutex(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(fn: () => Promise<T>) => {
    const result = tail.then(fn)
    tail = result.catch(() => undefined)
    return result
  }
}
