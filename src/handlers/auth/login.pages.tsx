import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { clearLoginFailures, recordLoginFailure } from '../../db/queries/login-throttle'
import { insertSession, revokeSession } from '../../db/queries/sessions'
import { findUserByEmail, listActiveWorkspaces, setPasswordHash } from '../../db/queries/users'
import { recordLogin } from '../../db/queries/workspaces'
import { LoginInput } from '../../domain/access/schemas'
import { safeNextPath } from '../../domain/access/session-policy'
import type { AppEnv } from '../../env'
import { clientIp } from '../../lib/auth/client-ip'
import { loginRetryAfter } from '../../lib/auth/login-throttle'
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../../lib/auth/password'
import { clearSessionCookie } from '../../lib/auth/session-cookie'
import type { FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { logger } from '../../lib/log'
import { toFieldErrors } from '../../lib/validation'
import { LoginPage } from '../../views/auth/login-form'
import { flashMessage } from '../../views/components/flash-messages'
import { prepareSession } from './start-session'

export const loginPages = new Hono<AppEnv>()

const TITLE = 'Sign in'
const WRONG = 'Email or password is incorrect.'

loginPages.get('/login', (c) => {
  if (c.var.auth) return c.redirect('/', 303)
  return c.render(<LoginPage next={c.req.query('next')} notice={flashMessage(c.req.query('flash'))} />, { title: TITLE })
})

loginPages.post('/login', async (c) => {
  const form = await readForm(c)
  const fail = (status: 401 | 422 | 429, errors: FieldError[]) => {
    c.status(status)
    return c.render(<LoginPage email={form.email} next={form.next} errors={errors} />, { title: TITLE })
  }
  const parsed = LoginInput.safeParse(form)
  if (!parsed.success) return fail(422, toFieldErrors(parsed.error))
  const { email, password, next } = parsed.data
  const db = c.var.db

  const wait = await loginRetryAfter(c, email)
  if (wait > 0) {
    c.header('Retry-After', String(wait))
    return fail(429, [{ path: 'form', message: `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.` }])
  }

  const user = await findUserByEmail(db, email)
  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password)
  const workspace = user && ok ? (await listActiveWorkspaces(db, user.id))[0] : undefined
  if (!user || !ok || !workspace) {
    await recordLoginFailure(db, email, clientIp(c))
    // No secrets and no password in the log; the email hash is enough to correlate attacks.
    logger.warn('auth.login_failed', { requestId: c.var.requestId, ip: clientIp(c), reason: !user ? 'unknown_email' : !ok ? 'bad_password' : 'no_active_workspace' })
    return fail(401, [{ path: 'form', message: WRONG }])
  }

  const session = await prepareSession(c, user.id, workspace.tenantId)
  const rehash = needsRehash(user.passwordHash) ? [setPasswordHash(db, user.id, await hashPassword(password), false)] : []
  await db.batch([insertSession(db, session.row), recordLogin(db, workspace.tenantId, user.id), clearLoginFailures(db, email, clientIp(c)), ...rehash])
  session.commit()
  return c.redirect(safeNextPath(next), 303)
})

loginPages.post('/logout', async (c) => {
  if (c.var.auth?.sessionId) await revokeSession(c.var.db, c.var.auth.sessionId)
  clearSessionCookie(c)
  return c.redirect('/login?flash=signed-out', 303)
})
