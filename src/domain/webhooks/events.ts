import type { EntityType, EventType } from '../timeline/entities'
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './catalogue'

// Which webhook events a timeline event is, and the message an endpoint receives for it.

export type TimelineEvent = {
  id: string
  entityType: EntityType
  entityId: string
  eventType: EventType
  actorUserId: string | null
  occurredAt: Date
  payload: Record<string, unknown>
}

const isCatalogued = (type: string): type is WebhookEventType => type in WEBHOOK_EVENT_TYPES

// A deal's status change is recorded as { changes: { status: { from, to } } } (a status_changed
// event, or part of a wider 'updated' one); winning or losing it is that change's `to`.
function closedAs(payload: Record<string, unknown>): 'won' | 'lost' | null {
  const changes = payload.changes
  if (!changes || typeof changes !== 'object') return null
  const status = (changes as Record<string, { to?: unknown } | undefined>).status
  return status?.to === 'won' || status?.to === 'lost' ? status.to : null
}

// The webhook event types of one timeline event, in the catalogue's vocabulary; none for events
// integrations are not offered (notes, activities, archiving, workspace audits...).
export function webhookTypesFor(event: Pick<TimelineEvent, 'entityType' | 'eventType' | 'payload'>): WebhookEventType[] {
  const entity = event.entityType
  const types: string[] = []
  switch (event.eventType) {
    case 'created':
      types.push(`${entity}.created`)
      break
    case 'updated':
    case 'owner_changed':
    case 'status_changed':
      types.push(`${entity}.updated`)
      break
    case 'stage_changed':
      types.push(`${entity}.stage_changed`)
      break
    case 'merged':
      // The survivor's event; the record merged away gets one with survived: false.
      if (event.payload.survived !== false) types.push(`${entity}.merged`)
      break
    case 'converted':
      // Only the lead's own event: the contact, account and deal it became carry one naming it.
      if (entity === 'lead') types.push('lead.converted')
      break
    case 'form_submitted':
      types.push('form.submitted')
      break
    case 'task_completed':
      // Written on the task and on the record it is about: one webhook, from the task's.
      if (entity === 'task') types.push('task.completed')
      break
  }
  if (entity === 'opportunity') {
    const closed = closedAs(event.payload)
    if (closed) types.push(`opportunity.${closed}`)
  }
  return types.filter(isCatalogued)
}

// An endpoint subscribes to exact types ("lead.created") or whole families ("contact.*").
export function isSubscribed(subscriptions: readonly string[], type: WebhookEventType): boolean {
  const family = `${type.slice(0, type.indexOf('.'))}.*`
  return subscriptions.some((s) => s === type || s === family)
}

export type WebhookPayload = {
  type: string
  timestamp: string
  data: { eventId: string | null; entityType: string; entityId: string; event: string; actorUserId: string | null; payload: Record<string, unknown> }
}

// The body of a delivery, documented in the README: `data` names the record (entityType,
// entityId) and carries the timeline event as written (event, actorUserId, payload: for an
// update, `changes` with each field's from/to). Receivers fetch the full record from the API.
export function webhookPayload(type: WebhookEventType, event: TimelineEvent): WebhookPayload {
  return {
    type,
    timestamp: event.occurredAt.toISOString(),
    data: { eventId: event.id, entityType: event.entityType, entityId: event.entityId, event: event.eventType, actorUserId: event.actorUserId, payload: event.payload },
  }
}

// The "send test event" message: no record behind it.
export const TEST_EVENT_TYPE = 'webhook.test'

export function testPayload(endpointId: string, now: Date): WebhookPayload {
  return { type: TEST_EVENT_TYPE, timestamp: now.toISOString(), data: { eventId: null, entityType: 'webhook', entityId: endpointId, event: 'test', actorUserId: null, payload: {} } }
}
