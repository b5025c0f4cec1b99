import { Fragment, jsx } from '../jsx'
import type { ApiTokenRow } from '../../db/queries/api-tokens'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'

function Expiry({ at }: { at: Date | null }) {
  if (!at || at.getTime() > Date.now()) return <DateTime value={at} precision="day" />
  return (
    <>
      <span class="badge badge-muted">Expired</span> <DateTime value={at} precision="day" />
    </>
  )
}

// Tokens as both lists show them; the workspace list adds whose each token is. Revoking goes to
// revokeBase/<id>/revoke.
export function TokenTable({ tokens, showOwner, revokeBase }: { tokens: ApiTokenRow[]; showOwner?: boolean; revokeBase: string }) {
  return (
    <table>
      <thead>
        <tr>
          {showOwner ? <th scope="col">Owner</th> : null}
          <th scope="col">Name</th>
          <th scope="col">Starts with</th>
          <th scope="col">Scopes</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr data-token-id={t.id}>
            {showOwner ? (
              <td>
                {t.ownerName} <span class="muted">{t.ownerEmail}</span>
              </td>
            ) : null}
            <td>{t.name}</td>
            <td>
              <code>{t.tokenPrefix}…</code>
            </td>
            <td>{t.scopes.join(', ')}</td>
            <td>
              <DateTime value={t.createdAt} precision="day" />
            </td>
            <td>
              <DateTime value={t.lastUsedAt} />
            </td>
            <td>
              <Expiry at={t.expiresAt} />
            </td>
            <td>
              <ActionButton action={`${revokeBase}/${t.id}/revoke`} label="Revoke" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
