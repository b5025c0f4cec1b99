import { accountsApi } from '../accounts/accounts.api'
import { activitiesApi } from '../activities/activities.api'
import { contactsApi } from '../contacts/contacts.api'
import { leadsApi } from '../leads/leads.api'
import { apiAuth, requireJson } from '../middleware/api-auth'
import { notesApi } from '../notes/notes.api'
import { opportunitiesApi } from '../opportunities/opportunities.api'
import { pipelinesApi } from '../opportunities/pipelines.api'
import { tasksApi } from '../tasks/tasks.api'
import { tokensApi } from '../tokens/tokens.api'
import { emailsApi } from '../settings/emails.api'
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
  api.route('/', contactsApi)
  api.route('/', leadsApi)
  api.route('/', tasksApi)
  api.route('/', notesApi)
  api.route('/', activitiesApi)
  api.route('/', opportunitiesApi)
  api.route('/', pipelinesApi)
  api.route('/', emailsApi)
  return api
}
