import { and, count, eq, sql } from 'drizzle-orm'
import type { DeliveryStatus } from '../../domain/webhooks/catalogue'
import type { DeliveryListFilters } from '../../domain/webhooks/endpoint-schema'
import type { Db } from '../client'
import { webhookDeliveries } from '../schema'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'

// One endpoint's delivery log, newest first, each delivery with its attempts. Read by the
// endpoint's page and GET /api/v1/webhooks/{id}/deliveries; the caller has already found the
// endpoint in this workspace.

export type WebhookAttempt = { id: string; attemptedAt: Date; statusCode: number | null; latencyMs: number; responseSnippet: string | null; error: string | null }
type AttemptJson = Omit<WebhookAttempt, 'attemptedAt'> & { attemptedAt: string }

// Oldest attempt first, read through webhook_attempts_delivery_idx.
const attemptsOf = sql<AttemptJson[]>`coalesce((
  select json_agg(json_build_object('id', a.id, 'attemptedAt', a.attempted_at, 'statusCode', a.status_code, 'latencyMs', a.latency_ms,
    'responseSnippet', a.response_snippet, 'error', a.error) order by a.attempted_at, a.id)
  from webhook_attempts a where a.tenant_id = "webhook_deliveries".tenant_id and a.delivery_id = "webhook_deliveries".id), '[]'::json)`

// (created_at, id) descending, served by webhook_deliveries_endpoint_idx.
const NEWEST: Sort = { column: webhookDeliveries.createdAt, kind: 'time', nullable: false, dir: 'desc' }

const deliveryColumns = {
  id: webhookDeliveries.id,
  eventType: webhookDeliveries.eventType,
  eventId: webhookDeliveries.eventId,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  createdAt: webhookDeliveries.createdAt,
  completedAt: webhookDeliveries.completedAt,
}

export async function listDeliveries(db: Db, tenantId: string, endpointId: string, f: DeliveryListFilters) {
  const rows = await db
    .select({ ...deliveryColumns, attemptLog: attemptsOf })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId), keysetAfter(NEWEST, webhookDeliveries.id, f.cursor)))
    .orderBy(...keysetOrder(NEWEST, webhookDeliveries.id))
    .limit(f.limit + 1)
  const data = rows.map(({ attemptLog, ...d }) => ({ ...d, attemptLog: attemptLog.map((a): WebhookAttempt => ({ ...a, attemptedAt: new Date(a.attemptedAt) })) }))
  return pageOf(data, f.limit, (r) => r.createdAt)
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>['data'][number]

export async function countDeliveriesByStatus(db: Db, tenantId: string, endpointId: string): Promise<Partial<Record<DeliveryStatus, number>>> {
  const rows = await db
    .select({ status: webhookDeliveries.status, n: count() })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId)))
    .groupBy(webhookDeliveries.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.n]))
}

// Whether the delivery is this endpoint's, in this workspace (a replay names both).
export async function deliveryOfEndpoint(db: Db, tenantId: string, endpointId: string, deliveryId: string): Promise<boolean> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)))
  return rows.length > 0
}
