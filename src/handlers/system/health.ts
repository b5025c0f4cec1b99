import { Hono } from 'hono'
import { pingDatabase } from '../../db/queries/health'
import type { AppEnv } from '../../env'
import { logger } from '../../lib/log'

export const health = new Hono<AppEnv>()

// For load balancers and `npm start`: 200 only after a real query succeeded.
health.get('/healthz', async (c) => {
  c.header('Cache-Control', 'no-store')
  try {
    const db = await pingDatabase(c.var.db)
    return c.json({ ok: db, db: db ? 'ok' : 'error' }, db ? 200 : 503)
  } catch (err) {
    logger.error('healthz.db', { requestId: c.var.requestId, error: String(err) })
    return c.json({ ok: false, db: 'error' }, 503)
  }
})
