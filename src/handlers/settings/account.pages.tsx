import { Hono } from 'hono'
import { isCommonPassword } from '../../db/queries/common-passwords'
import { expireUserResets } from '../../db/queries/password-resets'
import { countOtherSessions, revokeUserSessions } from '../../db/queries/sessions'
import { findUserById, setPasswordHash } from '../../db/queries/users'
import { ChangePasswordInput } from '../../domain/access/schemas'
import { SESSION_IDLE_MS } from '../../domain/access/session-policy'
import type { AuthedEnv } from '../../env'
import { hashPassword, verifyPassword } from '../../lib/auth/password'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { toFieldErrors } from '../../lib/validation'
import { AccountPage } from '../../views/settings/account-page'
import { requireUser } from '../middleware/session'

export const accountPages = new Hono<AuthedEnv>()
accountPages.use('/settings/account', requireUser)
accountPages.use('/settings/account/*', requireUser)

const TITLE = 'Your account'
const idleSince = () => new Date(Date.now() - SESSION_IDLE_MS)

function sessionIdOf(c: { var: AuthedEnv['Variables'] }): string {
  if (!c.var.auth.sessionId) throw new AppError('FORBIDDEN', 'Manage your account from the web app.')
  return c.var.auth.sessionId
}

accountPages.get('/settings/account', async (c) => {
  const others = await countOtherSessions(c.var.db, c.var.userId, sessionIdOf(c), idleSince())
  return c.render(<AccountPage name={c.var.auth.userName} email={c.var.auth.email} otherSessions={others} passwordChanged={c.req.query('changed') === '1'} />, { title: TITLE })
})

accountPages.post('/settings/account/password', async (c) => {
  const sessionId = sessionIdOf(c)
  const db = c.var.db
  const parsed = ChangePasswordInput.safeParse(await readForm(c))
  const user = await findUserById(db, c.var.userId)
  if (!user) throw new AppError('NOT_FOUND')
  let errors: FieldError[] = []
  if (!parsed.success) errors = toFieldErrors(parsed.error)
  else if (!(await verifyPassword(parsed.data.currentPassword, user.passwordHash))) errors = [{ path: 'currentPassword', message: 'That is not your current password.' }]
  else if (await isCommonPassword(db, parsed.data.password)) errors = [{ path: 'password', message: 'This password is too common. Choose one that is harder to guess.' }]
  if (!parsed.success || errors.length) {
    c.status(422)
    const others = await countOtherSessions(db, c.var.userId, sessionId, idleSince())
    return c.render(<AccountPage name={user.name} email={user.email} otherSessions={others} errors={errors} />, { title: TITLE })
  }
  await db.batch([setPasswordHash(db, user.id, await hashPassword(parsed.data.password), true), expireUserResets(db, user.id)])
  return c.redirect('/settings/account?changed=1', 303)
})

accountPages.post('/settings/account/sessions/revoke-others', async (c) => {
  await revokeUserSessions(c.var.db, c.var.userId, sessionIdOf(c))
  return c.redirect('/settings/account', 303)
})
