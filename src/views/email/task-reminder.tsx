import { checkLink, EmailButton, EmailLayout, EmailLinkFallback, renderEmail, type RenderedEmail } from './layout'

export type TaskReminderEmailProps = {
  name: string
  workspaceName: string
  title: string
  dueAt: Date | null
  taskUrl: string
  // The record the task is about, if any: its kind ("Account"), name and page.
  related: { label: string; name: string; url: string } | null
}

// Users have no timezone setting yet (the daily digest brings one), so times are spelled in UTC
// and say so, rather than silently in the server's zone.
const UTC_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
export const utcTime = (at: Date): string => `${UTC_FORMAT.format(at)} UTC`

export function taskReminderEmail({ name, workspaceName, title, dueAt, taskUrl, related }: TaskReminderEmailProps): RenderedEmail {
  const subject = `Reminder: ${title}`
  const intro = `This is your reminder for a task in ${workspaceName}:`
  const due = dueAt ? `Due ${utcTime(dueAt)}.` : null
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
      '-- Edge CRM',
    ],
  })
}
