import type { Context } from 'hono'
import type { Db } from './db/client'
import type { Role } from './domain/access/roles'
import type { RecordVisibility } from './domain/records/vocab'
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
  // "true" only on a developer's machine and in tests (set by `npm start` and vitest.config.ts,
  // never in wrangler.toml): enables the dev mailbox at /dev/mail and the demo workspace seed.
  LOCAL_MODE?: string
  // Sender address of outgoing email.
  MAIL_FROM: string
  // Resend API key (a wrangler secret). Set: a deployed worker sends mail through Resend. Ignored
  // in local mode, where mail goes to the dev mailbox.
  RESEND_API_KEY?: string
  // HMAC key of the signed links in emails that act without a sign-in (snooze or finish a task from
  // its reminder): anyone with it can mint such links, so it is a wrangler secret, at least 32
  // characters. Unset, reminders go out without those links and the link pages answer 503.
  LINK_SECRET?: string
  // Exports of more rows than this are prepared by a job and emailed as a link; unset: 50,000.
  EXPORT_JOB_ROWS?: string
  // Comma-separated "host:port" pairs that webhooks may reach as they are, over http or https and
  // past the SSRF checks (e.g. "127.0.0.1:9999" for a local receiver). Set only by the local dev
  // stack and vitest.config.ts, never in wrangler.toml: in production every endpoint is checked.
  WEBHOOK_ALLOW_HOSTS?: string
  // Multiplies the JSON API's published rate limits. Set only by vitest.config.ts, whose tests
  // drive the API as one caller far faster than any integration may; never in wrangler.toml.
  API_RATE_LIMIT_SCALE?: string
  JOBS: Queue<JobMessage>
  FILES: R2Bucket
  // General API rate limit, and a tighter one for sign-in attempts per client address.
  RATE_LIMITER: RateLimit
  LOGIN_LIMITER?: RateLimit
  // The JSON API's flood guard per caller, in front of its exact database-counted limits.
  API_LIMITER?: RateLimit
  ASSETS: Fetcher
}

// Who is asking, resolved from the session cookie or an API token. The tenant always comes from
// here, never from a request body.
export type AuthContext = {
  userId: string
  tenantId: string
  role: Role
  userName: string
  email: string
  tenantName: string
  // The workspace's record visibility setting, loaded with the session so that list queries
  // need no extra round trip to scope a rep to their own records.
  recordVisibility: RecordVisibility
  // The workspace's country for phone numbers typed without +country code (search reads them).
  defaultCountry: string
  sessionId: string | null
  tokenId: string | null
}

export type AppVariables = {
  db: Db
  requestId: string
  auth: AuthContext | null
}

// Routes behind requireUser/apiAuth: the three values every query is scoped by are set.
export type AuthedVariables = AppVariables & { auth: AuthContext; tenantId: string; userId: string; role: Role }
export type AuthedEnv = { Bindings: Env; Variables: AuthedVariables }

export const isLocalMode = (env: Pick<Env, 'LOCAL_MODE'>): boolean => env.LOCAL_MODE === 'true'

export type AppEnv = { Bindings: Env; Variables: AppVariables }
export type AppContext = Context<AppEnv>
