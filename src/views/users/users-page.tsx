import { Fragment, jsx } from '../jsx'
import type { Member } from '../../db/queries/members'
import { ROLE_LABELS, ROLES, type Role } from '../../domain/access/roles'
import type { FieldError } from '../../lib/errors'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'
import { Field, FormErrors } from '../components/field'
import { SelectField } from '../components/select-field'

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))

export type PendingInvitation = { id: string; email: string; role: Role; expiresAt: Date }

export type UsersPageProps = {
  members: Member[]
  invitations: PendingInvitation[]
  currentUserId: string
  invite?: { values: { email?: string; role?: string }; errors: FieldError[] }
  sentTo?: string
}

export function UsersPage({ members, invitations, currentUserId, invite, sentTo }: UsersPageProps) {
  return (
    <>
      <h1>Users</h1>
      {sentTo ? <p class="flash flash-success">Invitation sent to {sentTo}.</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr data-user-id={m.userId} class={m.deactivatedAt ? 'muted' : undefined}>
              <td>
                {m.name}
                {m.userId === currentUserId ? ' (you)' : ''}
              </td>
              <td>{m.email}</td>
              <td>
                <form method="post" action={`/settings/users/${m.userId}/role`} class="inline-form">
                  <SelectField name="role" label={`Role of ${m.name}`} options={ROLE_OPTIONS} value={m.role} idSuffix={`-${m.userId}`} />
                  <button type="submit" class="secondary">Change</button>
                </form>
              </td>
              <td>
                <DateTime value={m.lastLoginAt} />
              </td>
              <td>
                <ActionButton action={`/settings/users/${m.userId}/${m.deactivatedAt ? 'reactivate' : 'deactivate'}`} label={m.deactivatedAt ? 'Reactivate' : 'Deactivate'} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Invite someone</h2>
      <form method="post" action="/settings/users/invitations" class="card narrow" novalidate>
        <FormErrors errors={invite?.errors ?? []} fields={['email', 'role']} />
        <Field name="email" label="Email" type="email" value={invite?.values.email} errors={invite?.errors} required autocomplete="off" />
        <SelectField name="role" label="Role" options={ROLE_OPTIONS} value={invite?.values.role ?? 'rep'} errors={invite?.errors} required />
        <button type="submit">Send invitation</button>
      </form>

      <h2>Pending invitations</h2>
      {invitations.length === 0 ? (
        <p class="empty">No invitations waiting.</p>
      ) : (
        <ul class="plain-list">
          {invitations.map((i) => (
            <li>
              {i.email} as {ROLE_LABELS[i.role]}, expires <DateTime value={i.expiresAt} />
              <ActionButton action={`/settings/users/invitations/${i.id}/revoke`} label="Revoke" variant="link-button" inline />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
