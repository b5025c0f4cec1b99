import type { EntityType, EventType } from '../timeline/entities'

// The event types an endpoint can subscribe to, each mapped from a timeline event (entity type +
// event type). Served by GET /api/v1/webhooks/event-types and documented in the README.
export const WEBHOOK_EVENT_TYPES = {
  'lead.created': 'A lead was created (UI, API, import or form).',
  'lead.updated': 'A lead’s fields, owner or status changed.',
  'lead.converted': 'A lead was converted to a contact (and account, deal).',
  'lead.merged': 'Another lead was merged into this one.',
  'contact.created': 'A contact was created.',
  'contact.updated': 'A contact’s fields, owner or status changed.',
  'contact.merged': 'Another contact was merged into this one.',
  'account.created': 'An account was created.',
  'account.updated': 'An account’s fields, owner or status changed.',
  'opportunity.created': 'A deal was created.',
  'opportunity.updated': 'A deal’s fields or owner changed.',
  'opportunity.stage_changed': 'A deal moved to another stage.',
  'opportunity.won': 'A deal was won.',
  'opportunity.lost': 'A deal was lost.',
  'task.completed': 'A task was completed.',
  'form.submitted': 'A form submission was attached to a lead or contact.',
} as const
export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES

export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

// Which timeline events become which webhook event (the dispatcher also reads the payload, e.g. a
// stage change to a won stage is opportunity.won as well as opportunity.stage_changed).
export type TimelineEventKey = `${EntityType}.${EventType}`
