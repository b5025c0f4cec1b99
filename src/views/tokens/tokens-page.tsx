import { Fragment, jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'
import { Field, FormErrors } from '../components/field'

export type TokenRow = { id: string; name: string; tokenPrefix: string; createdAt: Date; lastUsedAt: Date | null }

// Personal API tokens. A new token's secret is shown here once and never again.
export function TokensPage({ tokens, created, values = {}, errors = [] }: { tokens: TokenRow[]; created?: { name: string; token: string }; values?: { name?: string }; errors?: FieldError[] }) {
  return (
    <>
      <h1>API tokens</h1>
      <p class="lead">
        A token acts as you, with your role, in this workspace. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      {created ? (
        <div class="card token-reveal" role="status">
          <p>
            <strong>{created.name}</strong>: copy this token now. It will not be shown again.
          </p>
          <input type="text" readonly value={created.token} aria-label="New API token" class="token-value" />
        </div>
      ) : null}
      <form method="post" action="/settings/tokens" class="card narrow" novalidate>
        <FormErrors errors={errors} fields={['name']} />
        <Field name="name" label="Token name" value={values.name} errors={errors} required maxlength={120} hint="What will use it, e.g. “Zapier” or “nightly export”." />
        <button type="submit">Create token</button>
      </form>
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p class="empty">You have no API tokens in this workspace.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>
                  <code>{t.tokenPrefix}…</code>
                </td>
                <td>
                  <DateTime value={t.createdAt} precision="day" />
                </td>
                <td>
                  <DateTime value={t.lastUsedAt} precision="day" />
                </td>
                <td>
                  <ActionButton action={`/settings/tokens/${t.id}/revoke`} label="Revoke" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
