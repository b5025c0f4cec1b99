// Opens the database that local tooling serves, migrated and wrapped as an endpoint backend.
import { migratePglite, migrateServer } from '../db/migrate.ts'
import type { DbTarget } from '../db/target.ts'
import { createPgBackend } from '../neon-local/pg-backend.ts'
import { createPgliteBackend, openPglite } from '../neon-local/pglite-backend.ts'
import type { Backend } from '../neon-local/types.ts'

export async function openMigratedBackend(target: DbTarget): Promise<Backend> {
  if (target.kind === 'server') {
    await migrateServer(target.url)
    return createPgBackend(target.url)
  }
  const pglite = await openPglite(target.dataDir)
  await migratePglite(pglite)
  return createPgliteBackend(pglite)
}
