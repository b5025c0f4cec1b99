import { jsx } from '../jsx'
import { EXPORT_LINK_DAYS } from '../../domain/exports/csv'
import { EmailButton, EmailLayout, EmailLinkFallback, plural, renderEmail, type RenderedEmail } from './layout'

export type ExportReadyEmailProps = { name: string; workspaceName: string; filename: string; rowCount: number; noun: string; url: string }

// Sent when a large export has been prepared. The link opens the file only for the recipient,
// signed in to the workspace, so a forwarded email gives nothing away.
export function exportReadyEmail({ name, workspaceName, filename, rowCount, noun, url }: ExportReadyEmailProps): RenderedEmail {
  const subject = `Your export of ${noun} is ready`
  const intro = `The CSV file you asked for in ${workspaceName} is ready: ${filename}, about ${rowCount.toLocaleString('en-US')} ${noun}.`
  const note = `The link works for ${plural(EXPORT_LINK_DAYS, 'day')}, and only when you are signed in.`
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hi {name},</p>
        <p>{intro}</p>
        <p>
          <EmailButton href={url}>Download the CSV</EmailButton>
        </p>
        <EmailLinkFallback href={url} />
        <p style="font-size:13px;color:#555555">{note}</p>
      </EmailLayout>
    ),
    text: [`Hi ${name},`, '', intro, '', 'Download the CSV:', url, '', note, '', '-- Edge CRM'],
  })
}
