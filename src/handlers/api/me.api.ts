import { createRoute, z } from '@hono/zod-openapi'
import { ROLES } from '../../domain/access/roles'
import { COMMON_ERRORS, apiRouter } from './openapi'

export const meApi = apiRouter()

const Me = z.object({ userId: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES), workspace: z.object({ id: z.string(), name: z.string() }) }).openapi('Me')

// Who the caller is acting as: handy for integrators checking a token, and for our tests.
meApi.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    tags: ['Access'],
    summary: 'The user, role and workspace this request acts as',
    responses: { 200: { description: 'The caller', content: { 'application/json': { schema: Me } } }, ...COMMON_ERRORS },
  }),
  (c) => {
    const a = c.var.auth
    return c.json({ userId: a.userId, name: a.userName, email: a.email, role: a.role, workspace: { id: a.tenantId, name: a.tenantName } }, 200)
  },
)
