import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { claimInvitation, findOpenInvitation, joinFromInvitation } from '../../db/queries/invitations'
import { isCommonPassword } from '../../db/queries/common-passwords'
import { insertSession, switchSessionTenantQuery } from '../../db/queries/sessions'
import { findUserByEmail, insertUser } from '../../db/queries/users'
import { recordLogin } from '../../db/queries/workspaces'
import { AcceptInvitationInput } from '../../domain/access/schemas'
import type { AppEnv } from '../../env'
import { hashPassword } from '../../lib/auth/password'
import { sha256Hex } from '../../lib/auth/tokens'
import { readForm } from '../../lib/forms'
import { newId } from '../../lib/ids'
import { toFieldErrors } from '../../lib/validation'
import { AcceptAsExistingUserPage, AcceptAsNewUserPage, InvitationInvalidPage } from '../../views/invitations/invitation-pages'
import { prepareSession } from '../auth/start-session'

// The invitation link. The token is a secret in the URL, so these pages send no Referer.
export const invitationPages = new Hono<AppEnv>()
invitationPages.use('/invitations/*', async (c, next) => {
  c.header('Referrer-Policy', 'no-referrer')
  await next()
})

const TITLE = 'Join a workspace'
const actionFor = (token: string) => `/invitations/${encodeURIComponent(token)}`

function invalid(c: Context<AppEnv>) {
  c.status(404)
  return c.render(<InvitationInvalidPage />, { title: TITLE })
}

invitationPages.get('/invitations/:token', async (c) => {
  const token = c.req.param('token')
  const invitation = await findOpenInvitation(c.var.db, await sha256Hex(token))
  if (!invitation) return invalid(c)
  const existing = await findUserByEmail(c.var.db, invitation.email)
  if (existing) return c.render(<AcceptAsExistingUserPage invitation={invitation} action={actionFor(token)} signedInAs={c.var.auth?.email ?? null} />, { title: TITLE })
  return c.render(<AcceptAsNewUserPage invitation={invitation} action={actionFor(token)} />, { title: TITLE })
})

// One endpoint for both cases. Each is a single batch that starts by claiming the invitation;
// if the claim finds nothing (used, revoked, expired) the membership and session inserts that
// depend on it fail or insert nothing, so the batch changes nothing.
invitationPages.post('/invitations/:token', async (c) => {
  const token = c.req.param('token')
  const tokenHash = await sha256Hex(token)
  const db = c.var.db
  const invitation = await findOpenInvitation(db, tokenHash)
  if (!invitation) return invalid(c)
  const existing = await findUserByEmail(db, invitation.email)

  if (existing) {
    const auth = c.var.auth
    if (!auth?.sessionId || auth.email !== invitation.email) {
      c.status(403)
      return c.render(<AcceptAsExistingUserPage invitation={invitation} action={actionFor(token)} signedInAs={auth?.email ?? null} />, { title: TITLE })
    }
    const [claimed] = await db.batch([claimInvitation(db, tokenHash), joinFromInvitation(db, tokenHash, existing.id), switchSessionTenantQuery(db, auth.sessionId, existing.id, invitation.tenantId)])
    return claimed.length ? c.redirect('/', 303) : invalid(c)
  }

  const form = await readForm(c)
  const parsed = AcceptInvitationInput.safeParse(form)
  const errors = !parsed.success ? toFieldErrors(parsed.error) : (await isCommonPassword(db, parsed.data.password)) ? [{ path: 'password', message: 'This password is too common. Choose one that is harder to guess.' }] : []
  if (!parsed.success || errors.length) {
    c.status(422)
    return c.render(<AcceptAsNewUserPage invitation={invitation} action={actionFor(token)} values={form} errors={errors} />, { title: TITLE })
  }
  const userId = newId()
  const session = await prepareSession(c, userId, invitation.tenantId)
  try {
    await db.batch([
      claimInvitation(db, tokenHash),
      insertUser(db, { id: userId, email: invitation.email, name: parsed.data.name, passwordHash: await hashPassword(parsed.data.password) }),
      joinFromInvitation(db, tokenHash, userId),
      recordLogin(db, invitation.tenantId, userId),
      insertSession(db, session.row),
    ])
  } catch (err) {
    // Lost a race with another use of the link: the session's membership never appeared.
    if (!(await findOpenInvitation(db, tokenHash))) return invalid(c)
    throw err
  }
  session.commit()
  return c.redirect('/', 303)
})
