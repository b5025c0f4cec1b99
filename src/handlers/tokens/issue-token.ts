import { insertApiToken } from '../../db/queries/api-tokens'
import type { Db } from '../../db/client'
import { randomToken, sha256Hex } from '../../lib/auth/tokens'

// Tokens look like `crm_<43 chars>`: the prefix makes them easy to spot in logs and secret
// scanners; the first characters are kept (in the clear) so people can tell tokens apart.
export async function issueApiToken(db: Db, tenantId: string, userId: string, name: string) {
  const token = `crm_${randomToken()}`
  const [row] = await insertApiToken(db, { tenantId, userId, name, tokenHash: await sha256Hex(token), tokenPrefix: token.slice(0, 10) })
  if (!row) throw new Error('token insert returned nothing')
  return { ...row, token }
}
