import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { insertInvitation, listPendingInvitations, revokeInvitation } from '../../db/queries/invitations'
import { changeRole, deactivateMember, isMember, listMembers, reactivateMember, type MemberChange } from '../../db/queries/members'
import { InviteInput, RoleInput } from '../../domain/access/schemas'
import { INVITATION_TTL_MS } from '../../domain/access/session-policy'
import type { AuthedEnv } from '../../env'
import { randomToken, sha256Hex } from '../../lib/auth/tokens'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { newId } from '../../lib/ids'
import { sendEmail } from '../../lib/mail/send-email'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { invitationEmail } from '../../views/email/invitation'
import { UsersPage } from '../../views/users/users-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// User management for admins: roles, deactivation and invitations, all within the active
// workspace. Another workspace's user id is simply not found here.
export const usersPages = new Hono<AuthedEnv>()
usersPages.use('/settings/users', requireUser, requirePermission('users.manage'))
usersPages.use('/settings/users/*', requireUser, requirePermission('users.manage'))

const TITLE = 'Users'

async function renderUsers(c: Context<AuthedEnv>, extra: { invite?: { values: Record<string, string>; errors: FieldError[] }; sentTo?: string } = {}) {
  const [members, invitations] = await Promise.all([listMembers(c.var.db, c.var.tenantId), listPendingInvitations(c.var.db, c.var.tenantId)])
  return c.render(<UsersPage members={members} invitations={invitations} currentUserId={c.var.userId} {...extra} />, { title: TITLE })
}

function assertChanged(result: MemberChange): void {
  if (result === 'not_found') throw new AppError('NOT_FOUND', 'That user is not in this workspace.')
  if (result === 'last_admin') throw new AppError('CONFLICT', 'A workspace needs at least one active admin. Make someone else an admin first.')
}

usersPages.get('/settings/users', (c) => renderUsers(c, { sentTo: c.req.query('sent') }))

usersPages.post('/settings/users/invitations', async (c) => {
  const form = await readForm(c)
  const parsed = InviteInput.safeParse(form)
  const errors = !parsed.success ? toFieldErrors(parsed.error) : (await isMember(c.var.db, c.var.tenantId, parsed.data.email)) ? [{ path: 'email', message: 'This person is already a member of this workspace.' }] : []
  if (!parsed.success || errors.length) {
    c.status(422)
    return renderUsers(c, { invite: { values: form, errors } })
  }
  const token = randomToken()
  const id = newId()
  const { email, role } = parsed.data
  await insertInvitation(c.var.db, { tenantId: c.var.tenantId, id, email, role, tokenHash: await sha256Hex(token), invitedBy: c.var.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
  const mail = invitationEmail({ inviterName: c.var.auth.userName, workspaceName: c.var.auth.tenantName, role, acceptUrl: new URL(`/invitations/${token}`, c.env.APP_URL).toString(), expiresDays: INVITATION_TTL_MS / 86_400_000 })
  await sendEmail(c.env, c.var.db, { tenantId: c.var.tenantId, idempotencyKey: `invitation:${id}`, to: email, ...mail })
  return c.redirect(`/settings/users?sent=${encodeURIComponent(email)}`, 303)
})

usersPages.post('/settings/users/invitations/:id/revoke', async (c) => {
  const rows = await revokeInvitation(c.var.db, c.var.tenantId, idParam(c, 'id'))
  if (!rows.length) throw new AppError('NOT_FOUND', 'That invitation is not open in this workspace.')
  return c.redirect('/settings/users', 303)
})

usersPages.post('/settings/users/:userId/role', async (c) => {
  const { role } = parseOrThrow(RoleInput, await readForm(c))
  assertChanged(await changeRole(c.var.db, c.var.tenantId, idParam(c, 'userId'), role))
  return c.redirect('/settings/users', 303)
})

usersPages.post('/settings/users/:userId/deactivate', async (c) => {
  assertChanged(await deactivateMember(c.var.db, c.var.tenantId, idParam(c, 'userId')))
  return c.redirect('/settings/users', 303)
})

usersPages.post('/settings/users/:userId/reactivate', async (c) => {
  assertChanged(await reactivateMember(c.var.db, c.var.tenantId, idParam(c, 'userId')))
  return c.redirect('/settings/users', 303)
})
