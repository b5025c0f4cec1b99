// A throwaway database on a real PostgreSQL server, one per test run, so runs never see each
// other's rows and can run side by side on the same server.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export type ServerTestDatabase = { url: string; drop(): Promise<void> }

export async function createServerTestDatabase(adminUrl: string): Promise<ServerTestDatabase> {
  const name = `crm_test_${Date.now()}_${randomBytes(4).toString('hex')}`
  const quoted = pg.escapeIdentifier(name)
  await withAdmin(adminUrl, async (admin) => {
    try {
      // UTF8 with C.UTF-8: what Neon databases have (code-point collation; Unicode-aware ctype, which
      // full-text parsing and trigram extraction of non-ASCII words depend on). PGlite matches it.
      await admin.query(`CREATE DATABASE ${quoted} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`)
    } catch {
      // Servers without that locale (some macOS/Windows builds): the server's defaults will do.
      await admin.query(`CREATE DATABASE ${quoted}`)
    }
  })
  // The database is created by (and owned by) the admin role, so the migrations' CREATE EXTENSION
  // pg_trgm and btree_gin (trusted extensions since PostgreSQL 13) are allowed there.
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, async (admin) => {
        // FORCE terminates what is still connected; the explicit terminate covers the same on servers
        // older than 13, where FORCE does not exist (the DROP then fails loudly rather than hangs).
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        )
        await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`)
      }),
  }
}

async function withAdmin(adminUrl: string, fn: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await fn(admin)
  } finally {
    await admin.end()
  }
}
