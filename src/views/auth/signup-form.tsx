import { Fragment, jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { Field, FormErrors } from '../components/field'
import { AuthCard } from './auth-card'

export type SignupValues = { name?: string; email?: string; workspace?: string }

export function SignupPage({ values = {}, errors = [] }: { values?: SignupValues; errors?: FieldError[] }) {
  return (
    <AuthCard title="Create your workspace" intro="Free, open source, and yours." footer={<>Already have an account? <a href="/login">Sign in</a></>}>
      <form method="post" action="/signup" novalidate>
        <FormErrors errors={errors} fields={['name', 'email', 'password', 'workspace']} />
        <Field name="name" label="Your name" value={values.name} errors={errors} required autocomplete="name" autofocus maxlength={120} />
        <Field name="email" label="Work email" type="email" value={values.email} errors={errors} required autocomplete="email" />
        <Field name="password" label="Password" type="password" errors={errors} required autocomplete="new-password" minlength={8} maxlength={128} hint="At least 8 characters. Common passwords are refused." />
        <Field name="workspace" label="Workspace name" value={values.workspace} errors={errors} required autocomplete="organization" hint="Usually your company or team." maxlength={120} />
        <button type="submit">Create workspace</button>
      </form>
    </AuthCard>
  )
}
