import { jsx } from '../../views/jsx'
import type { Context } from 'hono'
import type { PublicForm } from '../../db/queries/forms'
import { CONSENT_FIELD, HONEYPOT_FIELD, TIMESTAMP_FIELD, TURNSTILE_FIELD } from '../../domain/forms/spam-checks'
import { isChecked, type PostedFields } from '../../domain/forms/submission-values'
import type { AppEnv } from '../../env'
import { AppError, ERROR_TITLES, type ErrorStatus, type FieldError } from '../../lib/errors'
import { logger } from '../../lib/log'
import { renderDocument } from '../../views/forms/public-page'
import { SubmitErrorPage } from '../../views/forms/submit-error'
import { renderHostedForm } from './hosted-form-response'

// How POST /f/:key answers: JSON to a script that asks for it (Accept: application/json), pages
// and redirects to a browser posting a plain form.

const wantsJson = (c: Context) => (c.req.header('Accept') ?? '').includes('application/json')

export const NOT_HUMAN = 'We could not verify you are human. Please try again.'

// A stored submission, clean or quarantined alike: a bot cannot tell which it was.
export function accepted(c: Context<AppEnv>, form: PublicForm) {
  if (wantsJson(c)) return c.json({ ok: true }, 200)
  return c.redirect(form.redirectUrl ?? `/f/${form.key}/thanks`, 303)
}

// What goes back into the re-rendered form: the visitor's own fields (an unticked checkbox is
// left unticked), not our hidden ones. A timestamp that passed is kept, so fixing a field does
// not restart the minimum fill time; a new one is signed otherwise.
function keptValues(form: PublicForm, posted: PostedFields) {
  const checkboxes = new Set([...form.fields.filter((f) => f.type === 'checkbox').map((f) => f.name), CONSENT_FIELD])
  const internal = new Set([HONEYPOT_FIELD, TIMESTAMP_FIELD, TURNSTILE_FIELD])
  return Object.fromEntries(Object.entries(posted).filter(([k, v]) => !internal.has(k) && (!checkboxes.has(k) || isChecked(v))))
}

// The form comes back with what was typed and why it was not accepted; nothing was stored.
export async function refused(c: Context<AppEnv>, form: PublicForm, posted: PostedFields, errors: FieldError[], status: 403 | 422, timestamp: string | undefined) {
  const message = status === 403 ? NOT_HUMAN : 'Some fields need attention.'
  if (wantsJson(c)) return c.json({ ok: false, message, errors }, status)
  return renderHostedForm(c, form, { values: keptValues(form, posted), errors, ...(timestamp ? { timestamp } : {}) }, status)
}

// Errors before a submission could be judged (unknown form, refused origin, too large, too many,
// unreadable body), and failures. Headers set before the throw (CORS, Retry-After) are kept.
export function submitError(err: unknown, c: Context<AppEnv>) {
  const appErr = err instanceof AppError ? err : new AppError('INTERNAL')
  const status = appErr.status as ErrorStatus
  if (status >= 500) logger.error('form.submit_failed', { requestId: c.var.requestId, path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  const detail = status >= 500 ? `Please try again. If it keeps happening, quote this id: ${c.var.requestId}` : appErr.message
  if (wantsJson(c)) return c.json({ ok: false, message: detail }, status)
  return c.html(renderDocument(<SubmitErrorPage title={ERROR_TITLES[appErr.code]} detail={detail} />), status, { 'Cache-Control': 'no-store' })
}
