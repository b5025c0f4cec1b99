import { jsx } from '../jsx'
import { ROLE_LABELS, type Role } from '../../domain/access/roles'
import { EmailButton, EmailLayout, EmailLinkFallback, plural, renderEmail, type RenderedEmail } from './layout'

export type InvitationEmailProps = { inviterName: string; workspaceName: string; role: Role; acceptUrl: string; expiresDays: number }

export function invitationEmail({ inviterName, workspaceName, role, acceptUrl, expiresDays }: InvitationEmailProps): RenderedEmail {
  const subject = `${inviterName} invited you to ${workspaceName} on Edge CRM`
  const invite = `${inviterName} invited you to join the ${workspaceName} workspace on Edge CRM. Your role there: ${ROLE_LABELS[role]}.`
  const expiry = `The invitation expires in ${plural(expiresDays, 'day')}. If you weren't expecting it, you can ignore this email.`
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hello,</p>
        <p>{invite}</p>
        <p>
          <EmailButton href={acceptUrl}>Accept the invitation</EmailButton>
        </p>
        <EmailLinkFallback href={acceptUrl} />
        <p>{expiry}</p>
      </EmailLayout>
    ),
    text: ['Hello,', '', invite, '', 'Accept the invitation here:', '', acceptUrl, '', expiry, '', '-- Edge CRM'],
  })
}
