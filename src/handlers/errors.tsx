import { jsx } from '../views/jsx'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../env'
import { AppError, ERROR_TITLES, type ErrorStatus } from '../lib/errors'
import { isFragment } from '../lib/htmx'
import { logger } from '../lib/log'
import { Flash } from '../views/components/flash'
import { ErrorPage } from '../views/pages/error-page'

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  if (err instanceof HTTPException) {
    const byStatus: Record<number, AppError['code']> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED' }
    const code = byStatus[err.status] ?? 'INTERNAL'
    // Hono's own 4xx messages say what was wrong ("Malformed JSON in request body").
    return err.status < 500 && err.message ? new AppError(code, err.message) : new AppError(code)
  }
  return new AppError('INTERNAL')
}

// One renderer for every error: problem+json under /api, a flash fragment for htmx, a page
// otherwise. Only 5xx are logged as errors, and no stack trace ever reaches the client.
export function renderError(err: unknown, c: Context<AppEnv>) {
  const appErr = toAppError(err)
  if (appErr.status >= 500) logger.error('request.failed', { requestId: c.var.requestId, path: c.req.path, error: err instanceof Error ? err.stack ?? err.message : String(err) })
  const status = appErr.status as ErrorStatus
  const title = ERROR_TITLES[appErr.code]
  const detail = appErr.status >= 500 ? 'Please try again. If it keeps happening, quote this id: ' + c.var.requestId : appErr.message

  if (c.req.path.startsWith('/api/')) {
    const body = { type: 'about:blank', title, status, detail, requestId: c.var.requestId, ...(appErr.fieldErrors.length ? { errors: appErr.fieldErrors } : {}) }
    return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' })
  }
  if (isFragment(c)) {
    // Land the message in the flash region, whatever element asked.
    c.header('HX-Retarget', '#flash')
    c.header('HX-Reswap', 'innerHTML')
    return c.html(<Flash kind="error" message={`${title}: ${detail}`} />, status)
  }
  c.status(status)
  return c.render(<ErrorPage status={status} title={title} detail={detail} />, { title })
}
