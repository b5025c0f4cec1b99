import type { EngagementSignal } from './rules'

// Where engagement signals come from: a lead's timeline events of these types, under the same
// name, and logged activities with these outcomes. The score-inputs query and the demo seed both
// read a lead's engagement through this one mapping.

export const SIGNAL_EVENT_TYPES = ['form_submitted', 'note_added', 'task_completed'] as const satisfies readonly EngagementSignal[]

export const ACTIVITY_SIGNALS = [
  { type: 'email', outcome: 'replied', signal: 'email_replied' },
  { type: 'email', outcome: 'sent', signal: 'email_sent' },
  { type: 'call', outcome: 'connected', signal: 'call_connected' },
  { type: 'meeting', outcome: 'held', signal: 'meeting_held' },
] as const satisfies readonly { type: string; outcome: string; signal: EngagementSignal }[]

export const eventSignal = (eventType: string): EngagementSignal | null => (SIGNAL_EVENT_TYPES as readonly string[]).includes(eventType) ? (eventType as EngagementSignal) : null

export const activitySignal = (type: string, outcome: string): EngagementSignal | null => ACTIVITY_SIGNALS.find((a) => a.type === type && a.outcome === outcome)?.signal ?? null
