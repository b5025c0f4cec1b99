import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import { NOTE_MAX } from '../../domain/notes/schemas'
import type { FieldError } from '../../lib/errors'
import { ActivityFields, ACTIVITY_FORM_FIELDS } from '../activities/activity-fields'
import { FormErrors } from '../components/field'
import { TextArea } from '../components/text-area'
import { RelatedInputs, TaskFields, TASK_FORM_FIELDS, type MemberOption } from '../tasks/task-fields'

export type QuickAction = 'note' | 'activity' | 'task'

export type QuickActionsProps = {
  relatedType: string
  relatedId: string
  members: MemberOption[]
  viewerId: string
  // A failed submission: its values and errors go back into the form they came from (`active`).
  errors?: FieldError[]
  values?: Record<string, string>
  active?: QuickAction
  // The action that just succeeded, for a short confirmation.
  saved?: QuickAction
}

const SAVED: Record<QuickAction, string> = { note: 'Note added.', activity: 'Activity logged.', task: 'Task added.' }

// Add a note, log an activity, add a task: three small forms for any record's page. With htmx
// each posts and swaps this whole panel (fresh, or with errors and the typed values on 422), and
// the response's HX-Trigger: timeline-changed makes the page's history and lists reload.
// Without JS each is an ordinary form post that returns to the record's page.
export function QuickActions({ relatedType, relatedId, members, viewerId, errors = [], values = {}, active, saved }: QuickActionsProps) {
  const of = (kind: QuickAction) => (active === kind ? { values, errors } : { values: {}, errors: [] })
  const note = of('note')
  const activity = of('activity')
  const task = of('task')
  return (
    <section id="quick-actions" class="card quick-actions" aria-labelledby="quick-actions-heading">
      <h2 id="quick-actions-heading">Quick actions</h2>
      {saved ? (
        <p class="flash flash-success" role="status">
          {SAVED[saved]}
        </p>
      ) : null}
      <QuickForm kind="note" summary="Add a note" action="/notes" open={active === 'note' || !active} button="Add note">
        <FormErrors errors={note.errors} fields={['body']} />
        <RelatedInputs relatedType={relatedType} relatedId={relatedId} />
        <TextArea name="body" label="Note" value={note.values.body} errors={note.errors} required rows={3} maxlength={NOTE_MAX} idSuffix="-note" hint="Links and email addresses become clickable." />
      </QuickForm>
      <QuickForm kind="activity" summary="Log a call, email or meeting" action="/activities" open={active === 'activity'} button="Log activity">
        <FormErrors errors={activity.errors} fields={ACTIVITY_FORM_FIELDS} />
        <RelatedInputs relatedType={relatedType} relatedId={relatedId} />
        <ActivityFields values={activity.values} errors={activity.errors} idSuffix="-activity" />
      </QuickForm>
      <QuickForm kind="task" summary="Add a task" action="/tasks?from=record" open={active === 'task'} button="Add task">
        <FormErrors errors={task.errors} fields={TASK_FORM_FIELDS} />
        <RelatedInputs relatedType={relatedType} relatedId={relatedId} />
        <TaskFields values={{ assigneeId: viewerId, ...task.values }} errors={task.errors} members={members} full={false} idSuffix="-task" />
      </QuickForm>
    </section>
  )
}

function QuickForm({ kind, summary, action, open, button, children }: { kind: QuickAction; summary: string; action: string; open: boolean; button: string; children: Child }) {
  return (
    <details class="quick-action" open={open}>
      <summary>{summary}</summary>
      <form method="post" action={action} hx-post={action} hx-target="#quick-actions" hx-swap="outerHTML" novalidate data-quick-action={kind}>
        {children}
        <div class="form-actions">
          <button type="submit">{button}</button>
        </div>
      </form>
    </details>
  )
}
