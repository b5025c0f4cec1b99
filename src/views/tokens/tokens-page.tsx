import { Fragment, jsx } from '../jsx'
import type { ApiTokenRow } from '../../db/queries/api-tokens'
import type { TokenFormValues } from '../../domain/access/token-form-values'
import type { FieldError } from '../../lib/errors'
import { TokenForm } from './token-form'
import { TokenTable } from './token-table'

export type TokensPageProps = { tokens: ApiTokenRow[]; values: TokenFormValues; errors?: FieldError[]; created?: { name: string; token: string }; isAdmin: boolean }

// Personal API tokens. A new token's secret is shown here once and never again.
export function TokensPage({ tokens, created, values, errors = [], isAdmin }: TokensPageProps) {
  return (
    <>
      <h1>API tokens</h1>
      <p class="lead">
        A token acts as you, with your role, in this workspace. Send it as <code>Authorization: Bearer &lt;token&gt;</code>. The <a href="/api/docs">API reference</a> lists every operation.
      </p>
      {isAdmin ? (
        <p>
          <a href="/settings/tokens/all">Every token in this workspace</a>
        </p>
      ) : null}
      {created ? (
        <div class="card token-reveal" role="status">
          <p>
            <strong>{created.name}</strong>: copy this token now. It will not be shown again.
          </p>
          <input type="text" readonly value={created.token} aria-label="New API token" class="token-value" />
        </div>
      ) : null}
      <TokenForm values={values} errors={errors} />
      <h2>Your tokens</h2>
      {tokens.length === 0 ? <p class="empty">You have no API tokens in this workspace.</p> : <TokenTable tokens={tokens} revokeBase="/settings/tokens" />}
    </>
  )
}
