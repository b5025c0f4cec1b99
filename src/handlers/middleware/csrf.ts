import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { logger } from '../../lib/log'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

// Paths whose unsafe requests legitimately come from other sites; they never use the session.
// The signed task links (/t/:token): the token in the URL is the whole credential, so a forged
// request gains nothing, and their no-referrer pages make a browser without Sec-Fetch-Site send
// `Origin: null` on the page's own form posts.
const CROSS_SITE_PATHS: RegExp[] = [/^\/t\/[^/]+$/]

// CSRF defence for everything that could ride on the session cookie: an unsafe request must
// come from our own origin, by Sec-Fetch-Site when the browser sends it, else by Origin. A
// request with neither is refused (every current browser sends Origin on POST). Bearer-token
// API calls carry no ambient credential, so they are not at risk and skip the check.
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method) || CROSS_SITE_PATHS.some((re) => re.test(c.req.path))) return next()
  if (c.req.header('Authorization')?.startsWith('Bearer ') && !c.req.header('Cookie')) return next()
  const site = c.req.header('Sec-Fetch-Site')
  const origin = c.req.header('Origin')
  const ownOrigin = new URL(c.req.url).origin
  const sameOrigin = site ? site === 'same-origin' : origin === ownOrigin
  if (!sameOrigin) {
    logger.warn('csrf.rejected', { requestId: c.var.requestId, path: c.req.path, site: site ?? null, origin: origin ?? null })
    throw new AppError('FORBIDDEN', 'This request did not come from this site.')
  }
  await next()
}
