import { jsx } from '../jsx'
import { ROLE_LABELS, type Role } from '../../domain/access/roles'
import type { FieldError } from '../../lib/errors'
import { AuthCard } from '../auth/auth-card'
import { Field, FormErrors } from '../components/field'

export type InvitationView = { email: string; role: Role; workspaceName: string; inviterName: string }

const intro = (i: InvitationView) => `${i.inviterName} invited ${i.email} to ${i.workspaceName} as ${ROLE_LABELS[i.role]}.`

// New to Edge CRM: choose a name and password, and join.
export function AcceptAsNewUserPage({ invitation, action, values = {}, errors = [] }: { invitation: InvitationView; action: string; values?: { name?: string }; errors?: FieldError[] }) {
  return (
    <AuthCard title={`Join ${invitation.workspaceName}`} intro={intro(invitation)}>
      <form method="post" action={action} novalidate>
        <FormErrors errors={errors} fields={['name', 'password']} />
        <input type="email" value={invitation.email} autocomplete="username" hidden />
        <Field name="name" label="Your name" value={values.name} errors={errors} required autocomplete="name" autofocus maxlength={120} />
        <Field name="password" label="Choose a password" type="password" errors={errors} required autocomplete="new-password" minlength={8} maxlength={128} hint="At least 8 characters. Common passwords are refused." />
        <button type="submit">Join workspace</button>
      </form>
    </AuthCard>
  )
}

// Already has an account: join with it (signed in as the invited email), or sign in first.
export function AcceptAsExistingUserPage({ invitation, action, signedInAs }: { invitation: InvitationView; action: string; signedInAs: string | null }) {
  const matches = signedInAs === invitation.email
  return (
    <AuthCard title={`Join ${invitation.workspaceName}`} intro={intro(invitation)}>
      {matches ? (
        <form method="post" action={action}>
          <button type="submit">Join {invitation.workspaceName}</button>
        </form>
      ) : signedInAs ? (
        <p>
          You are signed in as {signedInAs}. This invitation is for {invitation.email}: sign out, then open the link again.
        </p>
      ) : (
        <p>
          <a class="button" href={`/login?next=${encodeURIComponent(action)}`}>
            Sign in as {invitation.email} to accept
          </a>
        </p>
      )}
    </AuthCard>
  )
}

export function InvitationInvalidPage() {
  return (
    <AuthCard title="This invitation no longer works">
      <p>Invitations work once and expire after a week. Ask a workspace admin for a new one.</p>
    </AuthCard>
  )
}
