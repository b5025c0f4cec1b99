import { jsx } from '../jsx'
import { EmailButton, EmailLayout, EmailLinkFallback, renderEmail, type RenderedEmail } from './layout'

export type NewLeadEmailProps = {
  name: string
  workspaceName: string
  leadName: string
  companyName: string | null
  email: string | null
  source: string | null
  formName: string | null
  leadUrl: string
}

// Told to a new lead's owner when the lead arrives already theirs (by a form's owner, routing or
// whoever created it for them).
export function newLeadEmail({ name, workspaceName, leadName, companyName, email, source, formName, leadUrl }: NewLeadEmailProps): RenderedEmail {
  const subject = `New lead for you: ${leadName}${companyName && companyName !== leadName ? ` (${companyName})` : ''}`
  const intro = `A new lead in ${workspaceName} is yours to follow up.`
  const facts = [
    ['Name', leadName],
    ['Company', companyName],
    ['Email', email],
    ['Source', source],
    ['Form', formName],
  ].filter((f): f is [string, string] => Boolean(f[1]))
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hi {name},</p>
        <p>{intro}</p>
        <table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px">
          {facts.map(([label, value]) => (
            <tr>
              <td style="padding:2px 12px 2px 0;color:#6b7280">{label}</td>
              <td style="padding:2px 0">{value}</td>
            </tr>
          ))}
        </table>
        <p>
          <EmailButton href={leadUrl}>Open the lead</EmailButton>
        </p>
        <EmailLinkFallback href={leadUrl} />
      </EmailLayout>
    ),
    text: [`Hi ${name},`, '', intro, '', ...facts.map(([label, value]) => `${label}: ${value}`), '', 'Open the lead:', leadUrl, '', '-- Edge CRM'],
  })
}
