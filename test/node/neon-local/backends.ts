// The backends every conformance test runs against, and the client side wired up as the app does
// it: @neondatabase/serverless neon() + drizzle-orm/neon-http, with neonConfig.fetchEndpoint
// pointing at the local endpoint.
import { neon, neonConfig, type NeonQueryFunction } from '@neondatabase/serverless'
import { drizzle, type NeonHttpDatabase } from 'drizzle-orm/neon-http'
import pg from 'pg'
import { createPgBackend } from '../../../tools/neon-local/pg-backend.ts'
import { createPgliteBackend, openPglite } from '../../../tools/neon-local/pglite-backend.ts'
import { startNeonServer, type NeonServer } from '../../../tools/neon-local/server.ts'
import { createServerTestDatabase } from '../../../tools/neon-local/test-database.ts'
import type { Backend } from '../../../tools/neon-local/types.ts'

// The endpoint ignores it, but the driver insists on a well-formed connection string.
export const CONNECTION_STRING = 'postgres://crm:crm@localhost:5432/crm'

export type BackendCase = { name: string; open(): Promise<{ backend: Backend; dispose(): Promise<void> }> }

const pgliteCase: BackendCase = {
  name: 'pglite',
  async open() {
    const backend = createPgliteBackend(await openPglite())
    return { backend, dispose: () => backend.close() }
  },
}

// Opt-in: TEST_DATABASE_URL is an admin URL; each test file gets a fresh database, dropped after.
function serverCase(adminUrl: string): BackendCase {
  return {
    name: 'pg',
    async open() {
      const database = await createServerTestDatabase(adminUrl)
      await setHostileDefaults(database.url)
      const backend = createPgBackend(database.url)
      return {
        backend,
        async dispose() {
          await backend.close()
          await database.drop()
        },
      }
    },
  }
}

// Neon sessions run in UTC with ISO dates. Give the test database other defaults, so the tests prove
// the backend sets its sessions up itself rather than relying on the server's configuration.
async function setHostileDefaults(url: string): Promise<void> {
  const name = pg.escapeIdentifier(decodeURIComponent(new URL(url).pathname.slice(1)))
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`ALTER DATABASE ${name} SET TimeZone = 'Pacific/Chatham'`)
    await client.query(`ALTER DATABASE ${name} SET DateStyle = 'SQL, DMY'`)
  } finally {
    await client.end()
  }
}

const adminUrl = process.env.TEST_DATABASE_URL
export const backendCases: BackendCase[] = adminUrl ? [pgliteCase, serverCase(adminUrl)] : [pgliteCase]

export type LocalNeon = {
  backend: Backend
  server: NeonServer
  sql: NeonQueryFunction<false, false>
  db: NeonHttpDatabase
  close(): Promise<void>
}

// neonConfig is global; suites run one after another within a file, and each sets it in beforeAll.
export async function startLocalNeon(backendCase: BackendCase): Promise<LocalNeon> {
  const { backend, dispose } = await backendCase.open()
  const server = await startNeonServer(backend)
  neonConfig.fetchEndpoint = server.url
  const sql = neon(CONNECTION_STRING)
  return {
    backend,
    server,
    sql,
    db: drizzle({ client: sql }),
    async close() {
      await server.close()
      await dispose()
    },
  }
}

// A raw protocol request, for what the driver would hide (status codes, exact text values).
export async function postSql(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers })
  return { status: res.status, json: await res.json() }
}

// What the app gets from a rejected single query: drizzle 0.45 wraps the driver's error in a
// DrizzleQueryError ("Failed query: ...") whose `cause` is the NeonDbError with code/constraint/...
// (db.batch does NOT wrap: it rejects with the NeonDbError itself). This digs out the latter.
export function pgErrorOf(error: unknown): Record<string, unknown> {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (!(cause instanceof Error)) throw new Error(`not an error: ${String(cause)}`)
  return { ...cause, name: cause.name, message: cause.message }
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}
