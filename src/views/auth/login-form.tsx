import { Fragment, jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { AuthCard } from './auth-card'

export function LoginPage({ email, next, errors = [], notice }: { email?: string; next?: string; errors?: FieldError[]; notice?: string }) {
  return (
    <AuthCard title="Sign in" footer={<>New here? <a href="/signup">Create a workspace</a></>}>
      {notice ? <p class="flash flash-success">{notice}</p> : null}
      <form method="post" action="/login" novalidate>
        <FormErrors errors={errors} fields={['email', 'password']} />
        <Field name="email" label="Email" type="email" value={email} errors={errors} required autocomplete="username" autofocus />
        <Field name="password" label="Password" type="password" errors={errors} required autocomplete="current-password" />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <button type="submit">Sign in</button>
        <a class="form-aside" href="/password/forgot">Forgot your password?</a>
      </form>
    </AuthCard>
  )
}
