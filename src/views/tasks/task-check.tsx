import { jsx } from '../jsx'
// The done checkbox of a task. With htmx, ticking it posts at once and the answer is this control
// in its new state. Without JS a button beside it posts the same action and the server sends the
// browser back to `back`. Inside another form (a list's bulk-selection form) that button borrows
// the form with formaction, since forms cannot nest.
export function TaskCheck({ id, title, done, back, inForm = false }: { id: string; title: string; done: boolean; back: string; inForm?: boolean }) {
  const action = `/tasks/${id}/${done ? 'reopen' : 'complete'}?back=${encodeURIComponent(back)}`
  const label = done ? 'Reopen' : 'Done'
  return (
    <span class="task-check">
      <input type="checkbox" id={`done-${id}`} checked={done} aria-label={done ? `Reopen “${title}”` : `Mark “${title}” done`} hx-post={action} hx-trigger="change" hx-target="closest .task-check" hx-swap="outerHTML" />
      <noscript>
        {inForm ? (
          <button type="submit" class="link-button" formaction={action} formmethod="post">
            {label}
          </button>
        ) : (
          <form method="post" action={action} class="inline-form">
            <button type="submit" class="link-button">
              {label}
            </button>
          </form>
        )}
      </noscript>
    </span>
  )
}
