import type { MiddlewareHandler } from 'hono'
import { can, type Action } from '../../domain/access/permissions'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'

// The only way handlers check roles: `app.post('/x', requirePermission('users.manage'), ...)`.
export const requirePermission =
  (action: Action): MiddlewareHandler<AuthedEnv> =>
  async (c, next) => {
    if (!can(c.var.role, action)) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
    await next()
  }
