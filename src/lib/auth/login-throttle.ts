import type { Context } from 'hono'
import { countLoginFailures } from '../../db/queries/login-throttle'
import { LOGIN_WINDOW_MS, loginRetryAfterSeconds } from '../../domain/access/throttle-policy'
import type { AppEnv } from '../../env'
import { logger } from '../log'
import { clientIp } from './client-ip'

// Seconds the client must wait before this sign-in attempt, or 0. Two layers: the rate-limit
// binding caps attempts per address (when the binding exists), and recorded failures cap
// guesses per account and per account+address (always, so it also works without the binding).
export async function loginRetryAfter(c: Context<AppEnv>, email: string): Promise<number> {
  const ip = clientIp(c)
  if (c.env.LOGIN_LIMITER) {
    const { success } = await c.env.LOGIN_LIMITER.limit({ key: `login:${ip}` })
    if (!success) {
      logger.warn('auth.throttled', { requestId: c.var.requestId, ip, by: 'binding' })
      return 60
    }
  }
  const now = new Date()
  const counts = await countLoginFailures(c.var.db, email, ip, new Date(now.getTime() - LOGIN_WINDOW_MS))
  const wait = loginRetryAfterSeconds(counts, now)
  if (wait > 0) logger.warn('auth.throttled', { requestId: c.var.requestId, ip, by: 'failures', wait })
  return wait
}
