import { Fragment, jsx } from '../jsx'
import { zoneLabel } from '../../domain/workspaces/time-zones'
import type { FieldError } from '../../lib/errors'
import { CheckboxField } from '../components/checkbox-field'
import { Field, FormErrors } from '../components/field'
import { TimeZoneSelect } from '../components/time-zone-select'

// The daily digest form: what it shows (as saved, or as posted when it failed) and its errors.
export type DigestFormProps = { workspaceName: string; workspaceTimeZone: string; timezone: string | null; enabled: boolean; errors?: FieldError[]; saved?: boolean }

export type AccountPageProps = { name: string; email: string; otherSessions: number; passwordChanged?: boolean; errors?: FieldError[]; digest: DigestFormProps }

// Your own account: change the password, sign out everywhere else (offered prominently right
// after a password change, when it matters most), and the daily digest.
export function AccountPage({ name, email, otherSessions, passwordChanged, errors = [], digest }: AccountPageProps) {
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
      <DigestForm {...digest} />
    </>
  )
}

function DigestForm({ workspaceName, workspaceTimeZone, timezone, enabled, errors = [], saved }: DigestFormProps) {
  return (
    <>
      <h2 id="digest">Daily digest</h2>
      <p>One email in the morning with your tasks that are overdue or due today. It is only sent on days with something in it.</p>
      {saved ? (
        <p class="flash flash-success" role="status">
          Your digest settings have been saved.
        </p>
      ) : null}
      <form method="post" action="/settings/account/digest" class="card narrow" novalidate>
        <FormErrors errors={errors} fields={['timezone']} />
        <TimeZoneSelect label="Your time zone" value={timezone} errors={errors} defaultLabel={`Workspace default (${zoneLabel(workspaceTimeZone)})`} hint="Used for your digest in every workspace you belong to." />
        <CheckboxField name="digestEnabled" label="Send me a daily digest at 7:00" checked={enabled} hint={`For your tasks in ${workspaceName}. Each workspace has its own setting.`} />
        <button type="submit">Save digest settings</button>
      </form>
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
