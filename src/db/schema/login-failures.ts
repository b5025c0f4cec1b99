import { bigserial, index, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt } from './columns'

// Failed sign-ins, the database-backed side of login throttling (the rate-limit binding is the
// other). Keyed by normalised email and client IP; rows older than the window are pruned by cron.
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    email: text().notNull(),
    ip: text().notNull(),
    createdAt: createdAt(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [index('login_failures_email_idx').on(t.email, t.createdAt), index('login_failures_ip_idx').on(t.ip, t.createdAt)],
)
