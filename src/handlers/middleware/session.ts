import type { Context, MiddlewareHandler } from 'hono'
import { findActiveSession, touchSession } from '../../db/queries/sessions'
import { SESSION_IDLE_MS, sessionNeedsTouch } from '../../domain/access/session-policy'
import type { AppEnv, AuthContext, AuthedEnv } from '../../env'
import { sha256Hex } from '../../lib/auth/tokens'
import { readSessionToken } from '../../lib/auth/session-cookie'
import { AppError } from '../../lib/errors'
import { logger } from '../../lib/log'

// Resolves the session cookie, if any, into c.var.auth. One query; the last-seen write happens
// after the response (waitUntil) and at most every few minutes.
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('auth', null)
  const token = readSessionToken(c)
  if (token) {
    const now = new Date()
    const session = await findActiveSession(c.var.db, await sha256Hex(token), new Date(now.getTime() - SESSION_IDLE_MS))
    if (session) {
      c.set('auth', { ...session, sessionId: session.sessionId, tokenId: null })
      if (sessionNeedsTouch(session, now)) {
        c.executionCtx.waitUntil(touchSession(c.var.db, session.sessionId).then(() => undefined, (err) => logger.warn('session.touch_failed', { requestId: c.var.requestId, error: String(err) })))
      }
    }
  }
  await next()
}

export function setAuthVars(c: Context<AuthedEnv>, auth: AuthContext): void {
  c.set('auth', auth)
  c.set('tenantId', auth.tenantId)
  c.set('userId', auth.userId)
  c.set('role', auth.role)
}

// Pages that need a signed-in user. A plain request is sent to sign in and brought back after;
// an htmx request gets HX-Redirect so the whole page navigates, not just a fragment.
export const requireUser: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  const auth = c.var.auth
  if (!auth) {
    if (c.req.method !== 'GET') throw new AppError('UNAUTHORIZED', 'Your session has ended. Sign in again.')
    const url = new URL(c.req.url)
    const login = `/login?next=${encodeURIComponent(url.pathname + url.search)}`
    if (c.req.header('HX-Request') === 'true') {
      c.header('HX-Redirect', login)
      return c.body(null, 204)
    }
    return c.redirect(login, 303)
  }
  setAuthVars(c, auth)
  await next()
}
