import { createRoute, z } from '@hono/zod-openapi'
import { listApiTokens, revokeApiToken, type ApiTokenRow } from '../../db/queries/api-tokens'
import { can } from '../../domain/access/permissions'
import { TokenInput } from '../../domain/access/schemas'
import { ApiTokenSummary, CreatedApiToken } from '../../domain/access/token-schemas'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { iso } from '../api/records'
import { requirePermission } from '../middleware/permission'
import { issueApiToken } from './issue-token'

export const tokensApi = apiRouter()
tokensApi.use('/tokens', requirePermission('tokens.own'))
tokensApi.use('/tokens/*', requirePermission('tokens.own'))

// Workspace admins look after every member's tokens: the same permission as deactivating a
// member, since revoking a token is taking away a member's access.
const ADMIN = 'users.manage'
const ownerFilter = (v: AuthedEnv['Variables'], all: boolean) => (all && can(v.role, ADMIN) ? null : v.userId)

const tokenJson = (t: ApiTokenRow) => ({
  id: t.id,
  name: t.name,
  tokenPrefix: t.tokenPrefix,
  scopes: t.scopes,
  owner: { id: t.ownerId, name: t.ownerName, email: t.ownerEmail },
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  expiresAt: iso(t.expiresAt),
})

tokensApi.openapi(
  createRoute({
    method: 'post',
    path: '/tokens',
    operationId: 'createToken',
    tags: ['Tokens'],
    summary: 'Create a personal API token',
    description: 'Only from a signed-in session: a token cannot mint tokens. The secret is returned once. `scopes` defaults to read and write; `expiresInDays` to none (valid until revoked).',
    request: { body: { required: true, content: { 'application/json': { schema: TokenInput, example: { name: 'Zapier', scopes: ['leads:write', 'contacts:read'], expiresInDays: 90 } } } } },
    responses: { 201: { description: 'Created', content: { 'application/json': { schema: CreatedApiToken } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    if (c.var.auth.tokenId) throw new AppError('FORBIDDEN', 'Create tokens from a signed-in session, not with another token.')
    const created = await issueApiToken(c.var.db, c.var.tenantId, c.var.userId, c.req.valid('json'))
    return c.json({ id: created.id, name: created.name, scopes: created.scopes, expiresAt: iso(created.expiresAt), token: created.token }, 201)
  },
)

tokensApi.openapi(
  createRoute({
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    tags: ['Tokens'],
    summary: 'List your API tokens in this workspace, or (admins) everyone’s',
    description: 'Unrevoked tokens, newest first, expired ones included. `all=true`: every member’s, for admins (who may manage users); 403 for others.',
    request: { query: z.strictObject({ all: z.enum(['true', 'false']).optional().openapi({ description: 'Every token in the workspace (admins only)' }) }) },
    responses: { 200: { description: 'Active tokens', content: { 'application/json': { schema: z.object({ data: z.array(ApiTokenSummary) }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const all = c.req.valid('query').all === 'true'
    if (all && !can(c.var.role, ADMIN)) throw new AppError('FORBIDDEN', 'Only workspace admins can see everyone’s tokens.')
    const rows = await listApiTokens(c.var.db, c.var.tenantId, ownerFilter(c.var, all))
    return c.json({ data: rows.map(tokenJson) }, 200)
  },
)

tokensApi.openapi(
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    operationId: 'revokeToken',
    tags: ['Tokens'],
    summary: 'Revoke an API token',
    description: 'Yours, or for admins (who may manage users) any in the workspace. Refused from the next request on.',
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 204: { description: 'Revoked' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const rows = await revokeApiToken(c.var.db, c.var.tenantId, ownerFilter(c.var, true), c.req.valid('param').id)
    if (!rows.length) throw new AppError('NOT_FOUND', 'No such token.')
    return c.body(null, 204)
  },
)
