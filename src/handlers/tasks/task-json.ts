import type { TaskRow } from '../../db/queries/tasks'
import { relatedRefOf } from '../../domain/related/related'
import { iso } from '../api/records'

// A task as the API shows it: the link as relatedType + relatedId, times as ISO strings.
export function taskJson(t: TaskRow) {
  const ref = relatedRefOf(t)
  return {
    id: t.id,
    title: t.title,
    type: t.type,
    description: t.description,
    dueAt: iso(t.dueAt),
    remindAt: iso(t.remindAt),
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    relatedType: ref?.type ?? null,
    relatedId: ref?.id ?? null,
    relatedName: t.relatedName,
    completedAt: iso(t.completedAt),
    completedBy: t.completedBy,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    archivedAt: iso(t.archivedAt),
  }
}
