import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { isCommonPassword } from '../../db/queries/common-passwords'
import { consumeReset, expireUserResets, findUsableReset, insertPasswordReset } from '../../db/queries/password-resets'
import { revokeUserSessions } from '../../db/queries/sessions'
import { findUserByEmail, setPasswordHash } from '../../db/queries/users'
import { ForgotPasswordInput, ResetPasswordInput } from '../../domain/access/schemas'
import { PASSWORD_RESET_TTL_MS } from '../../domain/access/session-policy'
import type { AppEnv } from '../../env'
import { hashPassword } from '../../lib/auth/password'
import { randomToken, sha256Hex } from '../../lib/auth/tokens'
import { readForm } from '../../lib/forms'
import { newId } from '../../lib/ids'
import { sendEmail } from '../../lib/mail/send-email'
import { toFieldErrors } from '../../lib/validation'
import { ForgotPasswordPage, ResetLinkInvalidPage, ResetPasswordPage } from '../../views/auth/password-forms'
import { passwordResetEmail } from '../../views/email/password-reset'

export const passwordPages = new Hono<AppEnv>()

passwordPages.get('/password/forgot', (c) => c.render(<ForgotPasswordPage />, { title: 'Reset your password' }))

// The answer is the same whether or not the account exists, so this form cannot be used to
// find out who has one.
passwordPages.post('/password/forgot', async (c) => {
  const form = await readForm(c)
  const parsed = ForgotPasswordInput.safeParse(form)
  if (!parsed.success) {
    c.status(422)
    return c.render(<ForgotPasswordPage email={form.email} errors={toFieldErrors(parsed.error)} />, { title: 'Reset your password' })
  }
  const user = await findUserByEmail(c.var.db, parsed.data.email)
  if (user) {
    const token = randomToken()
    const id = newId()
    await insertPasswordReset(c.var.db, { id, userId: user.id, tokenHash: await sha256Hex(token), expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) })
    const mail = passwordResetEmail({ name: user.name, resetUrl: new URL(`/password/reset/${token}`, c.env.APP_URL).toString(), expiresMinutes: PASSWORD_RESET_TTL_MS / 60_000 })
    await sendEmail(c.env, c.var.db, { tenantId: null, idempotencyKey: `password-reset:${id}`, to: user.email, ...mail })
  }
  return c.redirect('/login?flash=reset-sent', 303)
})

// The token is in the URL of every reset page (the form, its 422 re-render after the POST, the
// dead-link page): keep it out of Referer headers sent to anything loaded or linked from them.
passwordPages.use('/password/reset/*', async (c, next) => {
  c.header('Referrer-Policy', 'no-referrer')
  await next()
})

passwordPages.get('/password/reset/:token', async (c) => {
  const reset = await findUsableReset(c.var.db, await sha256Hex(c.req.param('token')))
  if (!reset) {
    c.status(404)
    return c.render(<ResetLinkInvalidPage />, { title: 'Link expired' })
  }
  return c.render(<ResetPasswordPage token={c.req.param('token')} email={reset.email} />, { title: 'Choose a new password' })
})

passwordPages.post('/password/reset/:token', async (c) => {
  const token = c.req.param('token')
  const tokenHash = await sha256Hex(token)
  const reset = await findUsableReset(c.var.db, tokenHash)
  if (!reset) {
    c.status(404)
    return c.render(<ResetLinkInvalidPage />, { title: 'Link expired' })
  }
  const parsed = ResetPasswordInput.safeParse(await readForm(c))
  const errors = !parsed.success ? toFieldErrors(parsed.error) : (await isCommonPassword(c.var.db, parsed.data.password)) ? [{ path: 'password', message: 'This password is too common. Choose one that is harder to guess.' }] : []
  if (!parsed.success || errors.length) {
    c.status(422)
    return c.render(<ResetPasswordPage token={token} email={reset.email} errors={errors} />, { title: 'Choose a new password' })
  }
  // Claim the link first (single use), then change the password and end every session.
  const claimed = await consumeReset(c.var.db, tokenHash)
  if (!claimed) {
    c.status(404)
    return c.render(<ResetLinkInvalidPage />, { title: 'Link expired' })
  }
  const db = c.var.db
  await db.batch([setPasswordHash(db, claimed.userId, await hashPassword(parsed.data.password), true), revokeUserSessions(db, claimed.userId), expireUserResets(db, claimed.userId)])
  return c.redirect('/login?flash=password-reset', 303)
})
