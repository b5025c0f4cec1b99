import { neon, neonConfig } from '@neondatabase/serverless'
import { drizzle } from 'drizzle-orm/neon-http'
import type { Env } from '../env'
import * as schema from './schema'

export type Db = ReturnType<typeof createDb>

// The same driver and code path everywhere; environments differ only in where SQL is POSTed.
export function createDb(env: Pick<Env, 'DATABASE_URL' | 'NEON_FETCH_ENDPOINT'>) {
  if (env.NEON_FETCH_ENDPOINT) neonConfig.fetchEndpoint = env.NEON_FETCH_ENDPOINT
  return drizzle({ client: neon(env.DATABASE_URL), schema, casing: 'snake_case' })
}
