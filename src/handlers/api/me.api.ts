import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { getApiToken } from '../../db/queries/api-tokens'
import { getDigestSettings, saveDigestSettings } from '../../db/queries/digest-settings'
import { ROLES } from '../../domain/access/roles'
import { DigestSettingsPatch } from '../../domain/workspaces/digest-settings'
import { ZONE_UNKNOWN_TO_DB } from '../../domain/workspaces/time-zones'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { COMMON_ERRORS, apiRouter } from './openapi'
import { iso } from './records'

export const meApi = apiRouter()

const Me = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    // The daily digest: the user's own IANA zone (null: the workspace's), and whether they get
    // this workspace's digest.
    timezone: z.string().nullable(),
    digestEnabled: z.boolean(),
    workspace: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
    // Only when called with an API token: what that token may do, and until when.
    token: z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), expiresAt: z.string().nullable() }).optional(),
  })
  .openapi('Me')

const ok = { 200: { description: 'The caller', content: { 'application/json': { schema: Me } } } }

async function meJson(c: Context<AuthedEnv>) {
  const a = c.var.auth
  const [digest, token] = await Promise.all([getDigestSettings(c.var.db, a.tenantId, a.userId), a.tokenId ? getApiToken(c.var.db, a.tenantId, a.tokenId) : null])
  if (!digest) throw new AppError('NOT_FOUND')
  const me = { userId: a.userId, name: a.userName, email: a.email, role: a.role, timezone: digest.timezone, digestEnabled: digest.digestEnabled, workspace: { id: a.tenantId, name: a.tenantName, timezone: digest.workspaceTimeZone } }
  return token ? { ...me, token: { ...token, expiresAt: iso(token.expiresAt) } } : me
}

// Who the caller is acting as: handy for integrators checking a token, and for our tests.
meApi.openapi(
  createRoute({ method: 'get', path: '/me', operationId: 'getMe', tags: ['Access'], summary: 'The user, role and workspace this request acts as', description: 'Answers with any token scope. Called with a token, `token` gives its scopes and expiry.', responses: { ...ok, ...COMMON_ERRORS } }),
  async (c) => c.json(await meJson(c), 200),
)

meApi.openapi(
  createRoute({
    method: 'patch',
    path: '/me',
    operationId: 'updateMe',
    tags: ['Access'],
    summary: "Change the caller's daily digest settings",
    description: '`timezone` is an IANA zone such as `Europe/Berlin`, or null for the workspace\'s, and applies in every workspace. `digestEnabled` is this workspace\'s digest.',
    request: { body: { content: { 'application/json': { schema: DigestSettingsPatch } }, required: true } },
    responses: { ...ok, ...COMMON_ERRORS },
  }),
  async (c) => {
    if (!(await saveDigestSettings(c.var.db, c.var.tenantId, c.var.userId, c.req.valid('json')))) throw new AppError('VALIDATION', 'The request has invalid fields.', [ZONE_UNKNOWN_TO_DB])
    return c.json(await meJson(c), 200)
  },
)
