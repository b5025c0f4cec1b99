import { sql } from 'drizzle-orm'
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../domain/webhooks/catalogue'
import { newId } from '../../lib/ids'
import { sqlLiteralList } from './check-lists'
import { msTimestamp } from './columns'
import { memberKey } from './keys'
import { tenants } from './tenants'

// An integration's endpoint: where a workspace's chosen event types are POSTed, signed with the
// endpoint's own secret (Standard Webhooks). The secret signs every delivery, so it is stored as
// is; it is shown once, when the endpoint is created (or its secret rotated).
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    url: text().notNull(),
    description: text(),
    // Catalogue types ("lead.created") or a family ("contact.*"); see src/domain/webhooks/catalogue.ts.
    eventTypes: text().array().notNull(),
    secret: text().notNull(),
    enabled: boolean().notNull().default(true),
    // Set when the endpoint was switched off by us (kept failing for 5 days, or answered 410).
    disabledReason: text(),
    // The first failure of the current run of failures; cleared by any success.
    failingSince: msTimestamp(),
    createdBy: uuid(),
    createdAt: msTimestamp().notNull().defaultNow(),
    updatedAt: msTimestamp().notNull().defaultNow(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    memberKey('webhook_endpoints_created_by_fk', t.tenantId, t.createdBy),
    index('webhook_endpoints_tenant_idx').on(t.tenantId, t.createdAt),
  ],
)

// Timeline events waiting to be turned into deliveries. A statement trigger on activity_events
// (migration 0013) adds a row here for each event of a workspace with an enabled endpoint, in the
// same transaction as the change: an event is never lost, and never sent for a change that rolled
// back. The dispatcher claims rows with FOR UPDATE SKIP LOCKED and deletes them once fanned out.
export const webhookOutbox = pgTable(
  'webhook_outbox',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    eventId: uuid().notNull(),
    createdAt: msTimestamp().notNull().defaultNow(),
    // The claim lease of the dispatcher run working on it, so a run that died is retried.
    claimedAt: msTimestamp(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [primaryKey({ columns: [t.tenantId, t.eventId] }), index('webhook_outbox_created_idx').on(t.createdAt)],
)

// One message to one endpoint: its body as sent (the same on every attempt and replay, so
// webhook-id, the delivery id, lets receivers drop duplicates).
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    endpointId: uuid().notNull(),
    eventType: text().notNull(),
    // The timeline event it came from; null for "send test event".
    eventId: uuid(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: msTimestamp(),
    lastStatusCode: integer(),
    lastError: text(),
    createdAt: msTimestamp().notNull().defaultNow(),
    completedAt: msTimestamp(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'webhook_deliveries_endpoint_fk', columns: [t.tenantId, t.endpointId], foreignColumns: [webhookEndpoints.tenantId, webhookEndpoints.id] }).onDelete('cascade'),
    index('webhook_deliveries_endpoint_idx').on(t.tenantId, t.endpointId, t.createdAt.desc(), t.id.desc()),
    // One delivery per event, type and endpoint: a dispatcher run that died after writing its
    // deliveries, or one overlapping it, cannot fan an event out twice. Test events (no event
    // id) are distinct nulls.
    uniqueIndex('webhook_deliveries_once_idx').on(t.tenantId, t.endpointId, t.eventId, t.eventType),
    // The dispatcher's sweep for deliveries whose queue message was lost.
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'retrying')`),
    check('webhook_deliveries_status_valid', sql`${t.status} in ${sqlLiteralList(DELIVERY_STATUSES)}`),
  ],
)

// Each HTTP attempt of a delivery, for the delivery log.
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    deliveryId: uuid().notNull(),
    attemptedAt: msTimestamp().notNull().defaultNow(),
    // Null when no response came (refused by the SSRF checks, DNS, timeout, network).
    statusCode: integer(),
    latencyMs: integer().notNull(),
    // The start of the response body (at most 1 KB kept of the 64 KB read), or the error.
    responseSnippet: text(),
    error: text(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'webhook_attempts_delivery_fk', columns: [t.tenantId, t.deliveryId], foreignColumns: [webhookDeliveries.tenantId, webhookDeliveries.id] }).onDelete('cascade'),
    index('webhook_attempts_delivery_idx').on(t.tenantId, t.deliveryId, t.attemptedAt),
  ],
)
