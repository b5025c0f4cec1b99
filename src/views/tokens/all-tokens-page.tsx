import { Fragment, jsx } from '../jsx'
import type { ApiTokenRow } from '../../db/queries/api-tokens'
import { TokenTable } from './token-table'

// Every unrevoked token in the workspace, for its admins: whose it is, what it may do, when it
// was last used. Revoking one refuses it from the next request on.
export function AllTokensPage({ tokens }: { tokens: ApiTokenRow[] }) {
  return (
    <>
      <h1>All API tokens</h1>
      <p class="lead">
        Every member’s tokens in this workspace. Revoke one you do not recognise, or one nobody has used for a long time. <a href="/settings/tokens">Your own tokens</a>
      </p>
      {tokens.length === 0 ? <p class="empty">Nobody has an API token in this workspace.</p> : <TokenTable tokens={tokens} showOwner revokeBase="/settings/tokens/all" />}
    </>
  )
}
