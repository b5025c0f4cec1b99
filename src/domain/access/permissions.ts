import type { Role } from './roles'

// Every action a role may be allowed, in one place. Handlers ask `can(role, action)` (through
// the requirePermission middleware); views may use it to hide what a role cannot do, but the
// server is what enforces it. Later modules add their record actions here.
export const ACTIONS = [
  'users.manage', // invite, change roles, deactivate
  'settings.manage', // workspace settings
  'tokens.own', // personal API tokens
  'records.read',
  'records.create',
  'records.update', // own records for reps, all for managers and admins (visibility rules)
  'records.assign', // change ownership
  'records.archive',
  'records.export',
  'notes.write',
  'tasks.write',
  'activities.write',
  'reports.view',
  'forms.manage', // lead capture forms, their quarantine and submissions
  'routing.manage', // lead routing rules and the default lead owner
  'records.merge', // merge duplicate leads and contacts, and undo merges
  'webhooks.manage', // outbound webhook endpoints, their secrets and delivery log (admins only)
  'records.import', // CSV imports and their undo: bulk writes to everyone's records
] as const
export type Action = (typeof ACTIONS)[number]

const ALL = new Set<Action>(ACTIONS)

const TABLE: Record<Role, ReadonlySet<Action>> = {
  admin: ALL,
  manager: new Set<Action>(['tokens.own', 'records.read', 'records.create', 'records.update', 'records.assign', 'records.archive', 'records.export', 'notes.write', 'tasks.write', 'activities.write', 'reports.view', 'forms.manage', 'routing.manage', 'records.merge', 'records.import']),
  rep: new Set<Action>(['tokens.own', 'records.read', 'records.create', 'records.update', 'records.archive', 'records.export', 'notes.write', 'tasks.write', 'activities.write', 'records.merge']),
  // Support reads customers and writes notes, tasks and activities; no ownership changes,
  // deletes, exports or settings.
  support: new Set<Action>(['records.read', 'notes.write', 'tasks.write', 'activities.write']),
}

export function can(role: Role, action: Action): boolean {
  return TABLE[role].has(action)
}
