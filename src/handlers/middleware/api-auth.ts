import type { MiddlewareHandler } from 'hono'
import { findActiveApiToken, touchApiToken } from '../../db/queries/api-tokens'
import { missingScope } from '../../domain/access/scopes'
import type { AuthedEnv } from '../../env'
import { sha256Hex } from '../../lib/auth/tokens'
import { isJson } from '../../lib/content-type'
import { AppError } from '../../lib/errors'
import { logger } from '../../lib/log'
import { setAuthVars } from './session'

const TOUCH_MS = 5 * 60 * 1000

// The JSON API accepts `Authorization: Bearer <token>`, or the session cookie on same-origin
// JSON requests (the CSRF middleware has already checked the origin of unsafe ones).
export const apiAuth: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  const header = c.req.header('Authorization')
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const found = match?.[1] ? await findActiveApiToken(c.var.db, await sha256Hex(match[1])) : null
    const expired = found?.expiresAt && found.expiresAt.getTime() <= Date.now() ? found.expiresAt : null
    if (!found || expired) {
      logger.warn('auth.token_rejected', { requestId: c.var.requestId, path: c.req.path, expired: Boolean(expired) })
      c.header('WWW-Authenticate', 'Bearer')
      throw new AppError('UNAUTHORIZED', expired ? `The API token expired on ${expired.toISOString()}. Create a new one.` : 'The API token is missing, revoked or malformed.')
    }
    setAuthVars(c, { ...found, sessionId: null })
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_MS) c.executionCtx.waitUntil(touchApiToken(c.var.db, found.tenantId, found.tokenId).then(() => undefined, () => undefined))
    // Scopes narrow a token below its user's role; the role checks still run after this one.
    const missing = missingScope(found.scopes, c.req.method, c.req.path)
    if (missing) {
      const wider = missing.includes(':') ? ` (or \`${missing.split(':')[1]}\`)` : ''
      throw new AppError('FORBIDDEN', `This token lacks the \`${missing}\` scope${wider}.`)
    }
    return next()
  }
  if (!c.var.auth) {
    c.header('WWW-Authenticate', 'Bearer')
    throw new AppError('UNAUTHORIZED', 'Send an API token as `Authorization: Bearer <token>`.')
  }
  setAuthVars(c, c.var.auth)
  await next()
}

// A cross-site HTML form can only send urlencoded, multipart or text/plain bodies (always with
// that Content-Type), so insisting on JSON for every body-carrying request closes the API to
// them. A request with no body and no Content-Type at all (POST /tasks/:id/complete) is no form.
export const requireJson: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const type = c.req.header('Content-Type')
    const bodyless = type === undefined && (c.req.raw.body === null || c.req.header('Content-Length') === '0')
    // The one exception, a CSV upload, is multipart by nature; on the session it still has the
    // CSRF check's Origin / Sec-Fetch-Site test in front of it.
    const upload = c.req.method === 'POST' && c.req.path === '/api/v1/imports' && /^multipart\/form-data\s*;/i.test(type ?? '')
    if (!bodyless && !upload && !isJson(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json.')
  }
  await next()
}
