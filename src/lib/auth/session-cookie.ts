import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SESSION_ABSOLUTE_MS } from '../../domain/access/session-policy'

// Over https the cookie gets the __Host- prefix (Secure, Path=/, no Domain): it cannot be set
// or overwritten by a subdomain or by plain http. Local http development uses a plain name.
function isSecure(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:'
}

export const sessionCookieName = (c: Context) => (isSecure(c) ? '__Host-crm_session' : 'crm_session')

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, sessionCookieName(c))
}

export function writeSessionCookie(c: Context, token: string): void {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c),
    path: '/',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: isSecure(c) })
}
