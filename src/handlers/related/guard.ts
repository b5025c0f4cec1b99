import type { Hono, MiddlewareHandler } from 'hono'
import { can, type Action } from '../../domain/access/permissions'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'

// Tasks, notes and activities are read with records.read and written with their own action
// (tasks.write, notes.write, activities.write), which support has too.
export const readOrWrite =
  (write: Action): MiddlewareHandler<AuthedEnv> =>
  async (c, next) => {
    const action = c.req.method === 'GET' || c.req.method === 'HEAD' ? 'records.read' : write
    if (!can(c.var.role, action)) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
    await next()
  }

// Applies it to a collection and everything under it, after `before` (requireUser for pages).
export function guardEntries(router: Pick<Hono<AuthedEnv>, 'use'>, path: string, write: Action, before: MiddlewareHandler<AuthedEnv>[] = []) {
  router.use(path, ...before, readOrWrite(write))
  router.use(`${path}/*`, ...before, readOrWrite(write))
}
