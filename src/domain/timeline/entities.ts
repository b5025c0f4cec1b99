// The record types a timeline event can be about, and the kinds of event the timeline shows.
// 'workspace' events (entity_id = the tenant id) audit workspace-wide actions such as exports.
export const ENTITY_TYPES = ['account', 'contact', 'lead', 'opportunity', 'task', 'note', 'activity', 'workspace'] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

export const EVENT_TYPES = ['created', 'updated', 'owner_changed', 'status_changed', 'stage_changed', 'archived', 'restored', 'note_added', 'activity_logged', 'task_completed', 'converted', 'form_submitted', 'exported', 'merged', 'merge_undone', 'imported'] as const
export type EventType = (typeof EVENT_TYPES)[number]
