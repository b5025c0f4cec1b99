// Applies drizzle/ migrations to any target: embedded PGlite (programmatic migrator, because
// drizzle-kit cannot load the pg_trgm extension into PGlite) or a PostgreSQL server, Neon included
// (node-postgres migrator: the same journal table drizzle-kit migrate uses). Both are idempotent:
// applied migrations are recorded in drizzle.__drizzle_migrations and skipped.
import type { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePgDb } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePgliteDb } from 'drizzle-orm/pglite/migrator'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle')

export async function migratePglite(db: PGlite): Promise<void> {
  await migratePgliteDb(drizzlePglite({ client: db }), { migrationsFolder: MIGRATIONS_FOLDER })
}

export async function migrateServer(connectionString: string): Promise<void> {
  const pool = new pg.Pool({ connectionString, max: 1 })
  try {
    await migratePgDb(drizzlePg({ client: pool }), { migrationsFolder: MIGRATIONS_FOLDER })
  } finally {
    await pool.end()
  }
}
