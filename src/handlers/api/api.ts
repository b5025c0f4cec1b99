import { accountsApi } from '../accounts/accounts.api'
import { apiAuth, requireJson } from '../middleware/api-auth'
import { tokensApi } from '../tokens/tokens.api'
import { meApi } from './me.api'
import { apiRouter } from './openapi'

// The JSON API under /api/v1. Each module contributes its own router.
export function createApi() {
  const api = apiRouter()
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Edge CRM API', version: '1' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
  })
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  api.use('*', requireJson, apiAuth)
  api.route('/', meApi)
  api.route('/', tokensApi)
  api.route('/', accountsApi)
  return api
}
