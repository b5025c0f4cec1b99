import type { Role } from '../access/roles'
import type { ViewEntity } from './catalogue'
import type { ViewVisibility } from './schemas'

// Who changes a saved view. Personal views are their owner's alone; team views are shared and
// anyone may edit them; workspace views are shared and curated by managers and admins, and an
// admin can lock one so that only admins can change it. (Who sees one is part of every query:
// see visible() in src/db/queries/views/saved-views.ts.)

export type ViewActor = { userId: string; role: Role }
export type ViewAccess = { entity: ViewEntity; visibility: ViewVisibility; ownerId: string; locked: boolean }

export const curatesWorkspaceViews = (role: Role): boolean => role === 'admin' || role === 'manager'

// Why this person may not change (or delete) the view, or null when they may.
export function editRefusal(who: ViewActor, v: ViewAccess): string | null {
  if (v.visibility === 'personal') return v.ownerId === who.userId ? null : 'Only its owner can change a personal view.'
  if (v.visibility === 'team') return null
  if (v.locked) return who.role === 'admin' ? null : 'This view is locked. Only admins can change it.'
  return curatesWorkspaceViews(who.role) ? null : 'Only managers and admins can change workspace views.'
}

export const LOCK_REFUSAL = 'Only admins can lock or unlock views.'
export const canLock = (who: ViewActor): boolean => who.role === 'admin'

// What stops a view ending up with this visibility and lock, by this person, or null.
export function settingsIssue(who: ViewActor, next: { visibility: ViewVisibility; ownerId: string; locked: boolean }): { path: string; message: string } | null {
  if (next.visibility === 'workspace' && !curatesWorkspaceViews(who.role)) return { path: 'visibility', message: 'Only managers and admins can share a view with the whole workspace.' }
  if (next.visibility === 'personal' && next.ownerId !== who.userId) return { path: 'visibility', message: 'Only the person who made a view can make it personal.' }
  if (next.locked && next.visibility !== 'workspace') return { path: 'locked', message: 'Only workspace views can be locked.' }
  return null
}
