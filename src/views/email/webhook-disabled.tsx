import { jsx } from '../jsx'
import { EmailButton, EmailLayout, EmailLinkFallback, renderEmail, type RenderedEmail } from './layout'

export type WebhookDisabledEmailProps = { name: string; workspaceName: string; endpointUrl: string; reason: string; url: string }

// Sent once when we switch off an endpoint that kept failing (or answered 410), to the member who
// created it: its events are no longer sent until someone turns it back on.
export function webhookDisabledEmail({ name, workspaceName, endpointUrl, reason, url }: WebhookDisabledEmailProps): RenderedEmail {
  const subject = 'A webhook endpoint was turned off'
  const intro = `We turned off the webhook endpoint ${endpointUrl} in ${workspaceName}. ${reason}`
  const note = 'No events are sent to it until it is turned back on. Its delivery log shows what went wrong.'
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hi {name},</p>
        <p>{intro}</p>
        <p>{note}</p>
        <p>
          <EmailButton href={url}>Open the endpoint</EmailButton>
        </p>
        <EmailLinkFallback href={url} />
      </EmailLayout>
    ),
    text: [`Hi ${name},`, '', intro, '', note, '', url, '', '-- Edge CRM'],
  })
}
