import { Fragment, jsx } from '../jsx'
import { TASK_LINK_ACTIONS, TASK_LINK_LABELS } from '../../domain/tasks/snooze'
import { checkLink, EmailButton, EmailLayout, EmailLinkFallback, renderEmail, type RenderedEmail } from './layout'

export type TaskReminderEmailProps = {
  name: string
  workspaceName: string
  title: string
  dueAt: Date | null
  // The assignee's zone (their own, else the workspace's): times are spelled in it.
  timeZone: string
  taskUrl: string
  // The record the task is about, if any: its kind ("Account"), name and page.
  related: { label: string; name: string; url: string } | null
  // The signed page (/t/:token) where the assignee snoozes or finishes the task without signing
  // in; null when links cannot be signed (no LINK_SECRET), and then the email offers none.
  actionUrl: string | null
}

// A time in the reader's zone, naming the zone, so a reader elsewhere is never misled.
export const zonedTime = (at: Date, timeZone: string): string => `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at)} (${timeZone})`

// Mail links only open the page (GET never changes anything); the button there does it. Each
// link says which action was picked, so the page makes that button the primary one.
const ACTIONS_INTRO = 'Snooze it or mark it done, no sign-in needed:'
const ACTIONS_NOTE = 'These links act as you, so do not forward this email.'

export function taskReminderEmail({ name, workspaceName, title, dueAt, timeZone, taskUrl, related, actionUrl }: TaskReminderEmailProps): RenderedEmail {
  const subject = `Reminder: ${title}`
  const intro = `This is your reminder for a task in ${workspaceName}:`
  const due = dueAt ? `Due ${zonedTime(dueAt, timeZone)}.` : null
  const actions = actionUrl ? TASK_LINK_ACTIONS.map((action) => ({ label: TASK_LINK_LABELS[action], url: `${actionUrl}?action=${action}` })) : []
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hi {name},</p>
        <p>{intro}</p>
        <p>
          <strong>{title}</strong>
        </p>
        {due && <p>{due}</p>}
        {related && (
          <p>
            {related.label}: <a href={checkLink(related.url)}>{related.name}</a>
          </p>
        )}
        <p>
          <EmailButton href={taskUrl}>Open the task</EmailButton>
        </p>
        <EmailLinkFallback href={taskUrl} />
        {actions.length ? (
          <>
            <p>{ACTIONS_INTRO}</p>
            <p>
              {actions.map((a, i) => (
                <>
                  {i ? ' · ' : ''}
                  <a href={checkLink(a.url)}>{a.label}</a>
                </>
              ))}
            </p>
            <p style="font-size:13px;color:#555555">{ACTIONS_NOTE}</p>
          </>
        ) : null}
      </EmailLayout>
    ),
    text: [
      `Hi ${name},`,
      '',
      intro,
      '',
      title,
      ...(due ? [due] : []),
      ...(related ? ['', `${related.label}: ${related.name}`, related.url] : []),
      '',
      'Open the task:',
      taskUrl,
      '',
      ...(actions.length ? [ACTIONS_INTRO, ...actions.map((a) => `${a.label}: ${a.url}`), ACTIONS_NOTE, ''] : []),
      '-- Edge CRM',
    ],
  })
}
