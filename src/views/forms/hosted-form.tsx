import { jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { FormBody, type VisitorForm } from './form-body'
import { PublicPage } from './public-page'

// The hosted form page, /f/:key: what the iframe embed shows, and what a visitor gets back (422)
// with their values and the reasons when a submission needs fixing. `timestamp` is the signed
// "_ts" (null without LINK_SECRET: the form then goes without one).
export type HostedFormProps = { form: VisitorForm; values: Record<string, string>; errors: FieldError[]; timestamp: string | null }

export function HostedForm({ form, values, errors, timestamp }: HostedFormProps) {
  return (
    <PublicPage title={form.name} turnstile={Boolean(form.turnstileSiteKey)}>
      <h1 class="visually-hidden">{form.name}</h1>
      <FormBody form={form} action={`/f/${form.key}`} values={values} errors={errors} timestamp={timestamp} />
    </PublicPage>
  )
}
