import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { LinkedTask } from '../../db/queries/task-links'
import { RELATED_LABELS, relatedPath, relatedRefOf } from '../../domain/related/related'
import { SNOOZES, TASK_LINK_ACTIONS, TASK_LINK_LABELS, type SnoozeAction, type TaskLinkAction } from '../../domain/tasks/snooze'
import { LINK_TTL_MS } from '../../lib/signed-links'
import { AuthCard } from '../auth/auth-card'
import { Flash } from '../components/flash'
import { zonedTime } from '../email/task-reminder'
import { Fact } from '../records/record-detail'

// The pages behind the links in a reminder email. Whoever opens them may not be signed in, so
// they sit in the signed-out card and link into the app (which asks for a sign-in) for the rest.

// Times as the reminder email spells them, so the page and the email agree.
const When = ({ at, zone }: { at: Date; zone: string }) => <time datetime={at.toISOString()}>{zonedTime(at, zone)}</time>

const openTask = (id: string) => (
  <>
    <a href={`/tasks/${id}`}>Open the task in Edge CRM</a> (you will be asked to sign in)
  </>
)

function TaskFacts({ task }: { task: LinkedTask }) {
  const ref = relatedRefOf(task)
  return (
    <dl class="facts">
      <Fact label="Due">{task.dueAt ? <When at={task.dueAt} zone={task.timeZone} /> : null}</Fact>
      <Fact label="Reminder">{task.remindAt ? <When at={task.remindAt} zone={task.timeZone} /> : null}</Fact>
      <Fact label="About">{ref ? <a href={relatedPath(ref)}>{`${RELATED_LABELS[ref.type]}: ${task.relatedName ?? ''}`}</a> : null}</Fact>
      <Fact label="Workspace">{task.workspaceName}</Fact>
    </dl>
  )
}

// One form, one button per action: each button posts its own `action`. The one picked in the
// email (?action=) is the primary button and has the focus, so Enter confirms it.
export function TaskLinkPage({ task, token, chosen, error }: { task: LinkedTask; token: string; chosen?: TaskLinkAction; error?: string }) {
  return (
    <AuthCard title={task.title} intro="A task assigned to you. Snooze its reminder, or mark it done." footer={openTask(task.id)}>
      {error ? <Flash kind="error" message={error} /> : null}
      <TaskFacts task={task} />
      <form method="post" action={`/t/${token}`} class="form-actions">
        {TASK_LINK_ACTIONS.map((action) => (
          <button type="submit" name="action" value={action} class={chosen && chosen !== action ? 'secondary' : undefined} autofocus={chosen === action}>
            {TASK_LINK_LABELS[action]}
          </button>
        ))}
      </form>
    </AuthCard>
  )
}

export function TaskSnoozedPage({ task, action, remindAt, dueMoved }: { task: LinkedTask; action: SnoozeAction; remindAt: Date; dueMoved: boolean }) {
  return (
    <AuthCard title="Snoozed" footer={openTask(task.id)}>
      <p>
        We will remind you of <strong>{task.title}</strong> again in {SNOOZES[action].words}, at <When at={remindAt} zone={task.timeZone} />.
      </p>
      {dueMoved ? <p>Its due time was earlier, so it moved to the same time.</p> : null}
    </AuthCard>
  )
}

export function TaskDonePage({ task, already }: { task: LinkedTask; already: boolean }) {
  return (
    <AuthCard title={already ? 'Already done' : 'Done'} footer={openTask(task.id)}>
      <p>
        <strong>{task.title}</strong> {already && task.completedAt ? <>was marked done on <When at={task.completedAt} zone={task.timeZone} />.</> : 'is marked done. Nice work.'}
      </p>
      {already ? <p>There is nothing left to snooze.</p> : null}
    </AuthCard>
  )
}

// Refusals. None says whether the task exists: a made-up link and one whose task is gone read the same.
function Refusal({ title, children }: { title: string; children: Child }) {
  return (
    <AuthCard title={title} footer={<a href="/my-work">Sign in to see your tasks</a>}>
      <p>{children}</p>
    </AuthCard>
  )
}

export const TaskLinkInvalidPage = () => <Refusal title="This link does not work">The link may be incomplete, or the task it was for is no longer there.</Refusal>

export const TaskLinkExpiredPage = () => <Refusal title="This link has expired">Links in reminder emails work for {LINK_TTL_MS / 86_400_000} days.</Refusal>

export const TaskLinkNotYoursPage = () => <Refusal title="This task is no longer yours">The link was for the task's assignee. The task has been assigned to someone else since, or your access to its workspace has ended.</Refusal>
