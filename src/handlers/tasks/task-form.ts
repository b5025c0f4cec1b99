import type { TaskRow } from '../../db/queries/tasks'
import { relatedRefOf } from '../../domain/related/related'
import { toDatetimeLocal, withInstants } from '../../domain/related/form-values'
import { TaskInput } from '../../domain/tasks/schemas'
import { toFieldErrors } from '../../lib/validation'

// The task form's strings through the API's schema, datetime-local inputs read as UTC.
export function parseTaskForm(form: Record<string, string>) {
  const parsed = TaskInput.safeParse(withInstants(form, ['dueAt', 'remindAt']))
  return parsed.success ? { data: parsed.data, errors: [] } : { data: null, errors: toFieldErrors(parsed.error) }
}

// A stored task as the edit form's values.
export function taskFormValues(t: TaskRow): Record<string, string> {
  const ref = relatedRefOf(t)
  return {
    title: t.title,
    type: t.type,
    description: t.description ?? '',
    dueAt: toDatetimeLocal(t.dueAt),
    remindAt: toDatetimeLocal(t.remindAt),
    assigneeId: t.assigneeId ?? '',
    relatedType: ref?.type ?? '',
    relatedId: ref?.id ?? '',
  }
}
