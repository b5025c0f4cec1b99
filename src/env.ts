import type { Context } from 'hono'
import type { Db } from './db/client'
import type { JobMessage } from './domain/jobs/messages'

// The worker's bindings, exactly as wrangler.toml (and, in tests, vitest.config.ts) declares them.
// This is the only file that knows their names.
export type Env = {
  APP_URL: string
  // postgres:// URL of the database. Production: Neon (a secret). Locally: any well-formed URL,
  // because the local endpoint ignores it.
  DATABASE_URL: string
  // Where the Neon driver POSTs SQL. Empty in production (the driver derives Neon's endpoint from
  // DATABASE_URL); the local Neon-protocol endpoint otherwise.
  NEON_FETCH_ENDPOINT?: string
  JOBS: Queue<JobMessage>
  FILES: R2Bucket
  RATE_LIMITER: RateLimit
  ASSETS: Fetcher
}

export type AppVariables = {
  db: Db
  requestId: string
}

export type AppEnv = { Bindings: Env; Variables: AppVariables }
export type AppContext = Context<AppEnv>
