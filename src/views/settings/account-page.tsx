import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'

export type AccountPageProps = { name: string; email: string; otherSessions: number; passwordChanged?: boolean; errors?: FieldError[] }

// Your own account: change the password, and sign out everywhere else (offered prominently
// right after a password change, when it matters most).
export function AccountPage({ name, email, otherSessions, passwordChanged, errors = [] }: AccountPageProps) {
  return (
    <>
      <h1>Your account</h1>
      <p class="lead">
        {name} · {email}
      </p>
      {passwordChanged ? (
        <div class="flash flash-success" role="status">
          <p>Your password has been changed.</p>
          {otherSessions > 0 ? <SignOutOthers count={otherSessions} /> : null}
        </div>
      ) : null}
      <h2>Change password</h2>
      <form method="post" action="/settings/account/password" class="card narrow" novalidate>
        <FormErrors errors={errors} fields={['currentPassword', 'password']} />
        <input type="email" value={email} autocomplete="username" hidden />
        <Field name="currentPassword" label="Current password" type="password" errors={errors} required autocomplete="current-password" />
        <Field name="password" label="New password" type="password" errors={errors} required autocomplete="new-password" minlength={8} maxlength={128} hint="At least 8 characters. Common passwords are refused." />
        <button type="submit">Change password</button>
      </form>
      <h2>Other sessions</h2>
      {otherSessions > 0 ? <SignOutOthers count={otherSessions} /> : <p>You are not signed in anywhere else.</p>}
    </>
  )
}

function SignOutOthers({ count }: { count: number }) {
  return (
    <form method="post" action="/settings/account/sessions/revoke-others">
      <p>
        You are signed in on {count} other {count === 1 ? 'device or browser' : 'devices or browsers'}.
      </p>
      <button type="submit" class="secondary">
        Sign out other sessions
      </button>
    </form>
  )
}
