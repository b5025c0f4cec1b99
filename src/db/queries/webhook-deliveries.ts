import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { DeliveryStatus } from '../../domain/webhooks/catalogue'
import { TEST_EVENT_TYPE, testPayload } from '../../domain/webhooks/events'
import type { AttemptOutcome } from '../../lib/webhooks/post'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { memberships, outbox, tenants, users, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../schema'

// How long one attempt holds its delivery: longer than the 10 s timeout and the bookkeeping, so
// a duplicate queue message arriving meanwhile finds it not due and is dropped.
const IN_FLIGHT_MS = 2 * 60_000
// A retry's message may arrive a little before the time written for it (clocks differ).
const EARLY_MS = 30_000
const MAX_ERROR_CHARS = 1000

// Claims the delivery for one attempt, if it is still to be sent and due: a succeeded or failed
// delivery, or one another message is sending right now, returns null, so a redelivered message
// never sends twice. Returns what the attempt needs, the endpoint included.
export async function claimDeliveryAttempt(db: Db, tenantId: string, deliveryId: string, now: Date) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + IN_FLIGHT_MS) })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.id, deliveryId),
        inArray(webhookDeliveries.status, ['pending', 'retrying']),
        sql`(${webhookDeliveries.nextAttemptAt} is null or ${webhookDeliveries.nextAttemptAt} <= ${new Date(now.getTime() + EARLY_MS)})`,
        eq(webhookEndpoints.tenantId, webhookDeliveries.tenantId),
        eq(webhookEndpoints.id, webhookDeliveries.endpointId),
      ),
    )
    .returning({
      id: webhookDeliveries.id,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      endpointId: webhookEndpoints.id,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
      enabled: webhookEndpoints.enabled,
      failingSince: webhookEndpoints.failingSince,
      createdBy: webhookEndpoints.createdBy,
    })
  return row ?? null
}

export type ClaimedDelivery = NonNullable<Awaited<ReturnType<typeof claimDeliveryAttempt>>>

// A delivery to an endpoint that was switched off since it was queued: it will not be sent.
export async function abandonDelivery(db: Db, tenantId: string, deliveryId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', lastError: reason, nextAttemptAt: null, completedAt: now })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, deliveryId)))
}

export type DisableNotice = { idempotencyKey: string; to: string; subject: string; html: string; text: string }

export type AttemptRecord = {
  outcome: AttemptOutcome
  now: Date
  status: DeliveryStatus
  nextAttemptAt: Date | null
  // Set when this failure switches the endpoint off; the notices are written only if this attempt
  // is the one that switched it off.
  disable: { reason: string; notices: DisableNotice[] } | null
}

// The attempt's log row, the delivery's new state and the endpoint's failure streak, in one
// transaction. Returns the disable notices written (to enqueue for sending).
export async function recordAttempt(db: Db, tenantId: string, d: ClaimedDelivery, r: AttemptRecord): Promise<{ id: string; key: string }[]> {
  const { outcome, now } = r
  const endpoint = and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, d.endpointId))
  const error = outcome.error?.slice(0, MAX_ERROR_CHARS) ?? null
  const done = r.status === 'succeeded' || r.status === 'failed'
  const statements = [
    db.insert(webhookAttempts).values({ tenantId, deliveryId: d.id, attemptedAt: now, statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, responseSnippet: outcome.snippet, error }),
    db
      .update(webhookDeliveries)
      .set({ status: r.status, attempts: sql`${webhookDeliveries.attempts} + 1`, lastStatusCode: outcome.statusCode, lastError: error, nextAttemptAt: r.nextAttemptAt, completedAt: done ? now : null })
      .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, d.id))),
    outcome.ok
      ? db.update(webhookEndpoints).set({ failingSince: null }).where(endpoint)
      : db
          .update(webhookEndpoints)
          .set(r.disable ? { failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})`, enabled: false, disabledReason: r.disable.reason, updatedAt: now } : { failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})` })
          .where(r.disable ? and(endpoint, eq(webhookEndpoints.enabled, true)) : endpoint),
  ] as const
  // Written only if the update above switched the endpoint off at this attempt's time (a
  // concurrent attempt that got there first wrote its own notices), and once per key.
  const notices = (r.disable?.notices ?? []).map(
    (n) => db.execute<{ id: string; key: string }>(sql`
      insert into ${outbox} (id, tenant_id, idempotency_key, to_address, subject, html, text)
      select ${newId()}::uuid, ${tenantId}::uuid, ${n.idempotencyKey}, ${n.to}, ${n.subject}, ${n.html}, ${n.text}
      where exists (select 1 from ${webhookEndpoints} where tenant_id = ${tenantId} and id = ${d.endpointId} and not enabled and updated_at = ${now})
      on conflict (idempotency_key) do nothing returning id, idempotency_key as key`),
  )
  const results = await db.batch([...statements, ...notices])
  return results.slice(statements.length).flatMap((res) => (res as { rows: { id: string; key: string }[] }).rows)
}

// Who hears that an endpoint was switched off: the member who created it, or, if they have left,
// every active admin. With the workspace's name for the email.
export async function disableRecipients(db: Db, tenantId: string, createdBy: string | null) {
  const active = and(eq(memberships.tenantId, tenantId), isNull(memberships.deactivatedAt))
  const [members, [tenant]] = await db.batch([
    db
      .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(active, createdBy ? sql`(${memberships.userId} = ${createdBy} or ${memberships.role} = 'admin')` : eq(memberships.role, 'admin'))),
    db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)),
  ])
  const creator = members.filter((m) => m.userId === createdBy)
  return { workspaceName: tenant?.name ?? '', recipients: creator.length ? creator : members.filter((m) => m.role === 'admin') }
}

// "Send test event": a delivery of the test message to one endpoint of the workspace, or null if
// the workspace has no such endpoint.
export async function insertTestDelivery(db: Db, tenantId: string, endpointId: string, now = new Date()): Promise<string | null> {
  const result = await db.execute<{ id: string }>(sql`
    insert into ${webhookDeliveries} (tenant_id, id, endpoint_id, event_type, payload, next_attempt_at)
    select tenant_id, ${newId()}::uuid, id, ${TEST_EVENT_TYPE}, ${JSON.stringify(testPayload(endpointId, now))}::jsonb, now()
    from ${webhookEndpoints} where tenant_id = ${tenantId} and id = ${endpointId}
    returning id`)
  return result.rows[0]?.id ?? null
}

// A replay: the same delivery (same body, same webhook-id) goes out again as a new attempt, also
// after it succeeded or failed for good. Null when the workspace has no such delivery.
export async function reopenDelivery(db: Db, tenantId: string, deliveryId: string): Promise<string | null> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, completedAt: null })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, deliveryId)))
    .returning({ id: webhookDeliveries.id })
  return row?.id ?? null
}
