import { neon, neonConfig } from '@neondatabase/serverless'
import { drizzle } from 'drizzle-orm/neon-http'

export type Db = ReturnType<typeof createDb>

// The same driver and code path everywhere; environments differ only in where SQL is POSTed.
// Takes just the two settings it needs (not the whole worker Env) so Node tooling can use it too.
export type DbSettings = { DATABASE_URL: string; NEON_FETCH_ENDPOINT?: string }

// No `schema`: nothing uses the relational query API (db.query), and drizzle would rebuild its
// relations config from every table on each request.
export function createDb(env: DbSettings) {
  if (env.NEON_FETCH_ENDPOINT) neonConfig.fetchEndpoint = env.NEON_FETCH_ENDPOINT
  return drizzle({ client: neon(env.DATABASE_URL), casing: 'snake_case' })
}
