import { jsx } from '../../views/jsx'
import type { Context } from 'hono'
import type { PublicForm } from '../../db/queries/forms'
import { TURNSTILE_ORIGIN } from '../../domain/forms/embed'
import type { AppEnv } from '../../env'
import type { FieldError } from '../../lib/errors'
import { hostedFormCsp } from '../../lib/security-headers'
import { linkSecret, signFormTimestamp } from '../../lib/signed-links'
import { HostedForm } from '../../views/forms/hosted-form'
import { ThanksPage, renderDocument } from '../../views/forms/public-page'

// Headers of the pages a form's visitors see in a frame (the form and its thank-you page): the
// only pages anyone may frame, and only the form's allowed origins. They carry a fresh signed
// timestamp, so nothing may cache them; cross-origin resource policy lets a site that isolates
// itself (COEP) still frame them.
export function hostedPageHeaders(form: Pick<PublicForm, 'allowedOrigins' | 'turnstileSiteKey' | 'redirectUrl'>): Record<string, string> {
  const redirectOrigin = form.redirectUrl ? new URL(form.redirectUrl).origin : null
  return {
    'Content-Security-Policy': hostedFormCsp({ frameAncestors: form.allowedOrigins, turnstileOrigin: form.turnstileSiteKey ? TURNSTILE_ORIGIN : null, formTargets: redirectOrigin ? [redirectOrigin] : [] }),
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'no-store',
  }
}

// The timestamp a fresh rendering of the form carries, or null when LINK_SECRET is not set up.
export async function formTimestamp(env: AppEnv['Bindings'], key: string): Promise<string | null> {
  const secret = linkSecret(env)
  return secret ? signFormTimestamp(secret, key) : null
}

// The hosted form page, fresh (GET /f/:key) or again with the visitor's values and what to fix
// (422 from the submission endpoint). Without a timestamp given, a new one is signed.
export async function renderHostedForm(c: Context<AppEnv>, form: PublicForm, opts: { values?: Record<string, string>; errors?: FieldError[]; timestamp?: string | null } = {}, status: 200 | 403 | 422 = 200): Promise<Response> {
  const timestamp = opts.timestamp !== undefined ? opts.timestamp : await formTimestamp(c.env, form.key)
  const page = renderDocument(<HostedForm form={form} values={opts.values ?? {}} errors={opts.errors ?? []} timestamp={timestamp} />)
  return c.html(page, status, hostedPageHeaders(form))
}

export function renderThanks(c: Context<AppEnv>, form: PublicForm): Response {
  return c.html(renderDocument(<ThanksPage title={form.name} message={form.thankYouMessage} />), 200, hostedPageHeaders(form))
}
