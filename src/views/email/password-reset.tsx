import { jsx } from '../jsx'
import { EmailButton, EmailLayout, EmailLinkFallback, plural, renderEmail, type RenderedEmail } from './layout'

export type PasswordResetEmailProps = { name: string; resetUrl: string; expiresMinutes: number }

export function passwordResetEmail({ name, resetUrl, expiresMinutes }: PasswordResetEmailProps): RenderedEmail {
  const subject = 'Reset your Edge CRM password'
  const expiry = `The link works once and expires in ${plural(expiresMinutes, 'minute')}.`
  const notYou = "If you didn't ask for this, you can ignore this email; your password stays the same."
  return renderEmail({
    subject,
    html: (
      <EmailLayout title={subject}>
        <p>Hi {name},</p>
        <p>Someone, hopefully you, asked to reset the password of your Edge CRM account. Choose a new one here:</p>
        <p>
          <EmailButton href={resetUrl}>Choose a new password</EmailButton>
        </p>
        <EmailLinkFallback href={resetUrl} />
        <p>{expiry}</p>
        <p>{notYou}</p>
      </EmailLayout>
    ),
    text: [
      `Hi ${name},`,
      '',
      'Someone, hopefully you, asked to reset the password of your Edge CRM account. Choose a new one here:',
      '',
      resetUrl,
      '',
      expiry,
      notYou,
      '',
      '-- Edge CRM',
    ],
  })
}
