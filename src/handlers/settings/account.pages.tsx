import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { isCommonPassword } from '../../db/queries/common-passwords'
import { expireUserResets } from '../../db/queries/password-resets'
import { getDigestSettings, saveDigestSettings } from '../../db/queries/digest-settings'
import { countOtherSessions, revokeUserSessions } from '../../db/queries/sessions'
import { findUserById, setPasswordHash } from '../../db/queries/users'
import { ChangePasswordInput } from '../../domain/access/schemas'
import { SESSION_IDLE_MS } from '../../domain/access/session-policy'
import { DigestSettingsForm } from '../../domain/workspaces/digest-settings'
import { ZONE_UNKNOWN_TO_DB } from '../../domain/workspaces/time-zones'
import type { AuthedEnv } from '../../env'
import { hashPassword, verifyPassword } from '../../lib/auth/password'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { toFieldErrors } from '../../lib/validation'
import { AccountPage, type AccountPageProps, type DigestFormProps } from '../../views/settings/account-page'
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

type PageParts = Omit<AccountPageProps, 'name' | 'email' | 'otherSessions' | 'digest'> & { digest?: Partial<DigestFormProps> }

// The page with what every render of it shows: the other sessions and the digest settings, as
// saved unless `parts.digest` overrides them (a failed post shows what was posted).
async function renderAccount(c: Context<AuthedEnv>, { digest, ...parts }: PageParts) {
  const [others, settings] = await Promise.all([countOtherSessions(c.var.db, c.var.userId, sessionIdOf(c), idleSince()), getDigestSettings(c.var.db, c.var.tenantId, c.var.userId)])
  if (!settings) throw new AppError('NOT_FOUND')
  const digestProps: DigestFormProps = { workspaceName: settings.workspaceName, workspaceTimeZone: settings.workspaceTimeZone, timezone: settings.timezone, enabled: settings.digestEnabled, ...digest }
  return c.render(<AccountPage name={c.var.auth.userName} email={c.var.auth.email} otherSessions={others} digest={digestProps} {...parts} />, { title: TITLE })
}

accountPages.get('/settings/account', (c) => renderAccount(c, { passwordChanged: c.req.query('changed') === '1', digest: { saved: c.req.query('digest') === 'saved' } }))

accountPages.post('/settings/account/password', async (c) => {
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
    return renderAccount(c, { errors })
  }
  await db.batch([setPasswordHash(db, user.id, await hashPassword(parsed.data.password), true), expireUserResets(db, user.id)])
  return c.redirect('/settings/account?changed=1', 303)
})

// The digest form: the user's zone (theirs in every workspace) and this workspace's opt-in.
accountPages.post('/settings/account/digest', async (c) => {
  const form = await readForm(c)
  const parsed = DigestSettingsForm.safeParse(form)
  const errors = !parsed.success ? toFieldErrors(parsed.error) : (await saveDigestSettings(c.var.db, c.var.tenantId, c.var.userId, parsed.data)) ? [] : [ZONE_UNKNOWN_TO_DB]
  if (errors.length) {
    c.status(422)
    return renderAccount(c, { digest: { timezone: form.timezone ?? null, enabled: form.digestEnabled === 'on', errors } })
  }
  return c.redirect('/settings/account?digest=saved#digest', 303)
})

accountPages.post('/settings/account/sessions/revoke-others', async (c) => {
  await revokeUserSessions(c.var.db, c.var.userId, sessionIdOf(c))
  return c.redirect('/settings/account', 303)
})
