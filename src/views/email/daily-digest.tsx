import { Fragment, jsx } from '../jsx'
import { zoneLabel } from '../../domain/workspaces/time-zones'
import { checkLink, EmailButton, EmailLayout, plural, renderEmail, type RenderedEmail } from './layout'

export type DigestEmailTask = {
  title: string
  dueAt: Date
  url: string
  // The record the task is about, if any: its kind ("Account"), name and page.
  related: { label: string; name: string; url: string } | null
}

// One list of the email. `total` counts the whole section; `tasks` holds the first few of it.
export type DigestSection = { tasks: DigestEmailTask[]; total: number }

export type DailyDigestEmailProps = {
  name: string
  workspaceName: string
  // The member's IANA zone: every time in the email is spelled in it.
  zone: string
  // The member's local day, YYYY-MM-DD.
  localDate: string
  overdue: DigestSection
  today: DigestSection
  myWorkUrl: string
  settingsUrl: string
}

const MUTED = 'font-size:13px;color:#6b7280'

export function dailyDigestEmail({ name, workspaceName, zone, localDate, overdue, today, myWorkUrl, settingsUrl }: DailyDigestEmailProps): RenderedEmail {
  const counts = [overdue.total ? `${overdue.total} overdue` : null, today.total ? `${today.total} due today` : null].filter(Boolean).join(', ')
  const subject = `Your day in ${workspaceName}: ${counts}`
  const intro = `Here are your tasks in ${workspaceName} for ${dayLabel(localDate)}. Times are in ${zoneLabel(zone)}.`
  const overdueTime = formatter(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
  const todayTime = formatter(zone, { hour: '2-digit', minute: '2-digit' })
  const sections = [
    { heading: `Overdue (${overdue.total})`, section: overdue, due: (t: DigestEmailTask) => `was due ${overdueTime.format(t.dueAt)}` },
    { heading: `Due today (${today.total})`, section: today, due: (t: DigestEmailTask) => `due ${todayTime.format(t.dueAt)}` },
  ].filter((s) => s.section.total > 0)
  const optOut = `You get this email because the daily digest is on for you in ${workspaceName}. To stop it, turn it off in your account settings:`
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hi {name},</p>
        <p>{intro}</p>
        {sections.map(({ heading, section, due }) => (
          <>
            <h2 style="font-size:17px;margin:24px 0 8px">{heading}</h2>
            <ul style="padding-left:20px;margin:0">
              {section.tasks.map((t) => (
                <li style="margin-bottom:10px">
                  <a href={checkLink(t.url)}>{t.title}</a> <span style={MUTED}>({due(t)})</span>
                  {t.related && (
                    <>
                      <br />
                      <span style={MUTED}>
                        {t.related.label}: <a href={checkLink(t.related.url)}>{t.related.name}</a>
                      </span>
                    </>
                  )}
                </li>
              ))}
            </ul>
            {section.total > section.tasks.length && (
              <p style={MUTED}>
                And {more(section)} on <a href={checkLink(myWorkUrl)}>My work</a>.
              </p>
            )}
          </>
        ))}
        <p style="margin-top:24px">
          <EmailButton href={myWorkUrl}>Open My work</EmailButton>
        </p>
        <p style={MUTED}>
          {optOut} <a href={checkLink(settingsUrl)}>{settingsUrl}</a>
        </p>
      </EmailLayout>
    ),
    text: [
      `Hi ${name},`,
      '',
      intro,
      ...sections.flatMap(({ heading, section, due }) => [
        '',
        heading,
        ...section.tasks.flatMap((t) => [`- ${t.title} (${due(t)})`, ...(t.related ? [`  ${t.related.label}: ${t.related.name}`] : []), `  ${t.url}`]),
        ...(section.total > section.tasks.length ? [`And ${more(section)} on My work.`] : []),
      ]),
      '',
      'Open My work:',
      myWorkUrl,
      '',
      optOut,
      settingsUrl,
      '',
      '-- Edge CRM',
    ],
  })
}

const more = (s: DigestSection) => plural(s.total - s.tasks.length, 'more task')

const formatter = (timeZone: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { ...options, timeZone })

// "Sunday 1 November 2026": the local date names a calendar day, so it is read at noon UTC and
// spelled in UTC, where no zone can move it to a neighbouring day.
const dayLabel = (localDate: string) => formatter('UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${localDate}T12:00:00Z`))
