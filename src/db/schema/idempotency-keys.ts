import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { msTimestamp } from './columns'
import { tenants } from './tenants'

// Idempotency-Key on API POSTs, with Stripe's semantics: the first response (status and body) is
// kept per workspace, route and key for 24 hours and replayed on a repeat; the same key with other
// parameters is a 422; a repeat while the first is still in flight is a 409. The row is claimed
// (INSERT ... ON CONFLICT DO NOTHING) before the handler runs; status is null until it finishes.
// locked_until frees a key whose request died mid-flight. The hourly cleanup drops expired keys.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    // "POST /api/v1/leads/<id>/convert": the method and the path as requested.
    route: text().notNull(),
    key: text().notNull(),
    // SHA-256 of the request's parameters (query and body), to tell a true repeat from a reuse.
    requestHash: text().notNull(),
    status: integer(),
    responseBody: text(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    lockedUntil: msTimestamp().notNull(),
    createdAt: msTimestamp().notNull().defaultNow(),
    expiresAt: msTimestamp().notNull(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [primaryKey({ columns: [t.tenantId, t.route, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
)
