import { createRoute, z } from '@hono/zod-openapi'
import { listApiTokens, revokeApiToken } from '../../db/queries/api-tokens'
import { TokenInput } from '../../domain/access/schemas'
import { ApiTokenSummary, CreatedApiToken } from '../../domain/access/token-schemas'
import { AppError } from '../../lib/errors'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { requirePermission } from '../middleware/permission'
import { issueApiToken } from './issue-token'

export const tokensApi = apiRouter()
tokensApi.use('/tokens', requirePermission('tokens.own'))
tokensApi.use('/tokens/*', requirePermission('tokens.own'))

const iso = (d: Date | null) => (d ? d.toISOString() : null)

tokensApi.openapi(
  createRoute({
    method: 'post',
    path: '/tokens',
    operationId: 'createToken',
    tags: ['Tokens'],
    summary: 'Create a personal API token',
    description: 'Only from a signed-in browser session: a token cannot mint tokens. The secret is returned once.',
    request: { body: { required: true, content: { 'application/json': { schema: TokenInput } } } },
    responses: { 201: { description: 'Created', content: { 'application/json': { schema: CreatedApiToken } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    if (c.var.auth.tokenId) throw new AppError('FORBIDDEN', 'Create tokens from a signed-in session, not with another token.')
    const created = await issueApiToken(c.var.db, c.var.tenantId, c.var.userId, c.req.valid('json').name)
    return c.json({ id: created.id, name: created.name, token: created.token }, 201)
  },
)

tokensApi.openapi(
  createRoute({
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    tags: ['Tokens'],
    summary: 'List your API tokens in this workspace',
    responses: { 200: { description: 'Your active tokens', content: { 'application/json': { schema: z.object({ data: z.array(ApiTokenSummary) }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const rows = await listApiTokens(c.var.db, c.var.tenantId, c.var.userId)
    return c.json({ data: rows.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt) })) }, 200)
  },
)

tokensApi.openapi(
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    operationId: 'revokeToken',
    tags: ['Tokens'],
    summary: 'Revoke one of your API tokens',
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 204: { description: 'Revoked' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const rows = await revokeApiToken(c.var.db, c.var.tenantId, c.var.userId, c.req.valid('param').id)
    if (!rows.length) throw new AppError('NOT_FOUND', 'No such token.')
    return c.body(null, 204)
  },
)
