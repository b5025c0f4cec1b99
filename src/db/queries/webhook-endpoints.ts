import { and, eq, getTableColumns, sql } from 'drizzle-orm'
import type { DeliveryStatus } from '../../domain/webhooks/catalogue'
import type { EndpointListFilters, WebhookEndpointInput, WebhookEndpointPatch } from '../../domain/webhooks/endpoint-schema'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { webhookEndpoints } from '../schema'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'

// A workspace's webhook endpoints. The secret is read by no function here but the two that set it
// (create and rotate), which return it once; everything else leaves it out.

const { tenantId: _t, createdBy: _c, secret: _s, ...columns } = getTableColumns(webhookEndpoints)
export type WebhookEndpoint = { [K in keyof typeof columns]: (typeof webhookEndpoints.$inferSelect)[K] }
export type WebhookEndpointRow = WebhookEndpoint & { lastDeliveryStatus: DeliveryStatus | null; lastDeliveryAt: Date | null }

const byId = (tenantId: string, id: string) => and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id))

// The newest delivery's status and time, from webhook_deliveries_endpoint_idx (one index probe).
// The outer table is named explicitly: inside the subquery a bare "id" would be the delivery's.
const lastDelivery = sql<{ status: DeliveryStatus; createdAt: string } | null>`(
  select json_build_object('status', d.status, 'createdAt', d.created_at) from webhook_deliveries d
  where d.tenant_id = "webhook_endpoints".tenant_id and d.endpoint_id = "webhook_endpoints".id
  order by d.created_at desc, d.id desc limit 1)`

const withLast = <R extends WebhookEndpoint & { last: { status: DeliveryStatus; createdAt: string } | null }>({ last, ...row }: R): WebhookEndpointRow => ({
  ...row,
  lastDeliveryStatus: last?.status ?? null,
  lastDeliveryAt: last ? new Date(last.createdAt) : null,
})

export async function createEndpoint(db: Db, tenantId: string, userId: string, input: WebhookEndpointInput, secret: string): Promise<WebhookEndpoint & { secret: string }> {
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ ...input, tenantId, id: newId(), secret, createdBy: userId })
    .returning({ ...columns, secret: webhookEndpoints.secret })
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function getEndpoint(db: Db, tenantId: string, id: string): Promise<WebhookEndpointRow | null> {
  const [row] = await db
    .select({ ...columns, last: lastDelivery })
    .from(webhookEndpoints)
    .where(byId(tenantId, id))
  return row ? withLast(row) : null
}

// Newest first: (created_at, id) descending, served by webhook_endpoints_tenant_idx.
const NEWEST: Sort = { column: webhookEndpoints.createdAt, kind: 'time', nullable: false, dir: 'desc' }

export async function listEndpoints(db: Db, tenantId: string, f: EndpointListFilters): Promise<{ data: WebhookEndpointRow[]; nextCursor: string | null }> {
  const rows = await db
    .select({ ...columns, last: lastDelivery })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), keysetAfter(NEWEST, webhookEndpoints.id, f.cursor)))
    .orderBy(...keysetOrder(NEWEST, webhookEndpoints.id))
    .limit(f.limit + 1)
  return pageOf(rows.map(withLast), f.limit, (r) => r.createdAt)
}

// Turning a disabled endpoint on again clears why we switched it off and the failure run that led
// there, so the 5-day clock starts afresh (saving one that is already on keeps its run); turning
// it off by hand records no reason (it was a person).
export async function updateEndpoint(db: Db, tenantId: string, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint | null> {
  const enabling =
    patch.enabled === undefined ? {} : { disabledReason: null, failingSince: patch.enabled ? sql`case when ${webhookEndpoints.enabled} then ${webhookEndpoints.failingSince} end` : null }
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...patch, ...enabling, updatedAt: sql`now()` })
    .where(byId(tenantId, id))
    .returning(columns)
  return row ?? null
}

export async function rotateEndpointSecret(db: Db, tenantId: string, id: string, secret: string): Promise<boolean> {
  const rows = await db.update(webhookEndpoints).set({ secret, updatedAt: sql`now()` }).where(byId(tenantId, id)).returning({ id: webhookEndpoints.id })
  return rows.length > 0
}

// Really deletes: its deliveries and their attempts go with it (foreign keys cascade).
export async function deleteEndpoint(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.delete(webhookEndpoints).where(byId(tenantId, id)).returning({ id: webhookEndpoints.id })
  return rows.length > 0
}
