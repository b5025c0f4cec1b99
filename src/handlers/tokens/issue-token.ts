import { insertApiToken } from '../../db/queries/api-tokens'
import type { Db } from '../../db/client'
import type { TokenInput } from '../../domain/access/schemas'
import { DEFAULT_SCOPES } from '../../domain/access/scopes'
import { randomToken, sha256Hex } from '../../lib/auth/tokens'

const DAY_MS = 24 * 60 * 60 * 1000

// Tokens look like `crm_<43 chars>`: the prefix makes them easy to spot in logs and secret
// scanners; the first characters are kept (in the clear) so people can tell tokens apart.
export async function issueApiToken(db: Db, tenantId: string, userId: string, input: TokenInput) {
  const token = `crm_${randomToken()}`
  const [row] = await insertApiToken(db, {
    tenantId,
    userId,
    name: input.name,
    tokenHash: await sha256Hex(token),
    tokenPrefix: token.slice(0, 10),
    scopes: [...new Set(input.scopes ?? DEFAULT_SCOPES)],
    expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
  })
  if (!row) throw new Error('token insert returned nothing')
  return { ...row, token }
}
