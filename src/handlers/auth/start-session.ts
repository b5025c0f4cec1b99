import type { Context } from 'hono'
import type { SessionInsert } from '../../db/queries/sessions'
import { SESSION_ABSOLUTE_MS } from '../../domain/access/session-policy'
import { clientIp } from '../../lib/auth/client-ip'
import { writeSessionCookie } from '../../lib/auth/session-cookie'
import { randomToken, sha256Hex } from '../../lib/auth/tokens'

// A fresh session for every sign-in (never a reused token). The caller inserts the row in the
// same batch as whatever else the sign-in writes, then calls `commit` to set the cookie.
export async function prepareSession(c: Context, userId: string, tenantId: string) {
  const token = randomToken()
  const row: SessionInsert = {
    tokenHash: await sha256Hex(token),
    userId,
    tenantId,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_MS),
    ip: clientIp(c),
    userAgent: c.req.header('User-Agent')?.slice(0, 300) ?? null,
  }
  return { row, commit: () => writeSessionCookie(c, token) }
}
