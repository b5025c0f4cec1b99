// The database a test run uses: a fresh in-memory PGlite by default, or a fresh database on the
// server named by TEST_DATABASE_URL (created here, dropped at the end). Migrations are applied
// either way, so every run starts from the schema in drizzle/.
import { migratePglite, migrateServer } from '../../../tools/db/migrate.ts'
import { createPgBackend } from '../../../tools/neon-local/pg-backend.ts'
import { createPgliteBackend, openPglite } from '../../../tools/neon-local/pglite-backend.ts'
import { createServerTestDatabase } from '../../../tools/neon-local/test-database.ts'
import type { Backend } from '../../../tools/neon-local/types.ts'

// The local endpoint ignores the connection string, but the driver needs a well-formed one.
export const PLACEHOLDER_DATABASE_URL = 'postgres://crm:crm@localhost:5432/crm'

export type TestBackend = { backend: Backend; databaseUrl: string; dispose(): Promise<void> }

export async function createTestBackend(): Promise<TestBackend> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    const database = await createServerTestDatabase(adminUrl)
    await migrateServer(database.url)
    const backend = createPgBackend(database.url)
    return {
      backend,
      databaseUrl: database.url,
      async dispose() {
        await backend.close()
        await database.drop()
      },
    }
  }
  const pglite = await openPglite()
  await migratePglite(pglite)
  const backend = createPgliteBackend(pglite)
  return { backend, databaseUrl: PLACEHOLDER_DATABASE_URL, dispose: () => backend.close() }
}
