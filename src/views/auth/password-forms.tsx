import { jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { AuthCard } from './auth-card'

export function ForgotPasswordPage({ email, errors = [] }: { email?: string; errors?: FieldError[] }) {
  return (
    <AuthCard title="Reset your password" intro="We will email you a link to choose a new password." footer={<a href="/login">Back to sign in</a>}>
      <form method="post" action="/password/forgot" novalidate>
        <FormErrors errors={errors} fields={['email']} />
        <Field name="email" label="Email" type="email" value={email} errors={errors} required autocomplete="email" autofocus />
        <button type="submit">Send reset link</button>
      </form>
    </AuthCard>
  )
}

export function ResetPasswordPage({ token, email, errors = [] }: { token: string; email: string; errors?: FieldError[] }) {
  return (
    <AuthCard title="Choose a new password" intro={`For ${email}. Every signed-in device will be signed out.`}>
      <form method="post" action={`/password/reset/${encodeURIComponent(token)}`} novalidate>
        <FormErrors errors={errors} fields={['password']} />
        <input type="email" value={email} autocomplete="username" hidden />
        <Field name="password" label="New password" type="password" errors={errors} required autocomplete="new-password" minlength={8} maxlength={128} autofocus hint="At least 8 characters. Common passwords are refused." />
        <button type="submit">Change password</button>
      </form>
    </AuthCard>
  )
}

export function ResetLinkInvalidPage() {
  return (
    <AuthCard title="This link no longer works" footer={<a href="/password/forgot">Request a new link</a>}>
      <p>Reset links work once and expire after an hour.</p>
    </AuthCard>
  )
}
