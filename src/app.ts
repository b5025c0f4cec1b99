import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createDb } from './db/client'
import type { AppEnv } from './env'
import { renderError } from './handlers/errors'
import { homePages } from './handlers/home/home.pages'
import { health } from './handlers/system/health'
import { AppError } from './lib/errors'
import { requestIdMiddleware } from './lib/request-id'
import { securityHeaders } from './lib/security-headers'
import { renderer } from './views/layout'

// Default cap for request bodies; routes that take files (imports) raise it for themselves.
const MAX_BODY_BYTES = 1024 * 1024

export function createApp() {
  const app = new Hono<AppEnv>()

  app.use(requestIdMiddleware)
  app.use(securityHeaders)
  app.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError('PAYLOAD_TOO_LARGE') } }))
  app.use(async (c, next) => {
    c.set('db', createDb(c.env))
    await next()
  })
  app.use(renderer)

  app.route('/', health)
  app.route('/', homePages)

  app.notFound((c) => renderError(new AppError('NOT_FOUND', 'There is nothing at this address.'), c))
  app.onError((err, c) => renderError(err, c))
  return app
}
