// `npm run db:migrate`: applies drizzle/ to the configured target (see tools/db/target.ts).
// Against Neon, pass its direct connection string: DATABASE_URL=postgres://…neon.tech/…?sslmode=require
import { migratePglite, migrateServer } from '../tools/db/migrate.ts'
import { describeTarget, resolveDbTarget } from '../tools/db/target.ts'
import { openPglite } from '../tools/neon-local/pglite-backend.ts'

const target = resolveDbTarget()
console.log(`Migrating ${describeTarget(target)}…`)
if (target.kind === 'server') {
  await migrateServer(target.url)
} else {
  const db = await openPglite(target.dataDir)
  await migratePglite(db)
  await db.close()
}
console.log('Migrations are up to date.')
