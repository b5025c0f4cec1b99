import { Fragment, jsx } from '../jsx'
import { EmailButton, EmailLayout, EmailLinkFallback, renderEmail, type RenderedEmail } from './layout'

export type ScoreThresholdEmailProps = {
  name: string
  workspaceName: string
  leadName: string
  ruleName: string
  score: number
  // The score's explanation lines, already worded ("+15 Title contains VP").
  reasons: string[]
  // The lead was re-routed to the recipient by this crossing.
  assignedToYou: boolean
  leadUrl: string
}

// Told to a lead's owner when the lead's score reaches a threshold that asks for it.
export function scoreThresholdEmail({ name, workspaceName, leadName, ruleName, score, reasons, assignedToYou, leadUrl }: ScoreThresholdEmailProps): RenderedEmail {
  const subject = `${leadName} reached ${ruleName} (score ${score})`
  const intro = `${leadName} in ${workspaceName} now scores ${score}, which reaches the "${ruleName}" threshold.${assignedToYou ? ' The lead has been assigned to you.' : ''}`
  const top = reasons.slice(0, 5)
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hi {name},</p>
        <p>{intro}</p>
        {top.length ? (
          <>
            <p>Why it scores {score}:</p>
            <ul>
              {top.map((r) => (
                <li>{r}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <EmailButton href={leadUrl}>Open the lead</EmailButton>
        </p>
        <EmailLinkFallback href={leadUrl} />
      </EmailLayout>
    ),
    text: [`Hi ${name},`, '', intro, ...(top.length ? ['', `Why it scores ${score}:`, ...top.map((r) => `- ${r}`)] : []), '', 'Open the lead:', leadUrl, '', '-- Edge CRM'],
  })
}
