import { accountsApi } from '../accounts/accounts.api'
import { activitiesApi } from '../activities/activities.api'
import { contactsApi } from '../contacts/contacts.api'
import { leadsApi } from '../leads/leads.api'
import { mergeApi } from '../duplicates/merge.api'
import { apiAuth, requireJson } from '../middleware/api-auth'
import { idempotency } from '../middleware/idempotency'
import { apiRateLimit } from '../middleware/rate-limit'
import { notesApi } from '../notes/notes.api'
import { opportunitiesApi } from '../opportunities/opportunities.api'
import { pipelinesApi } from '../opportunities/pipelines.api'
import { tasksApi } from '../tasks/tasks.api'
import { tokensApi } from '../tokens/tokens.api'
import { exportsApi } from '../exports/exports.api'
import { importsApi } from '../imports/imports.api'
import { formsApi } from '../forms/forms.api'
import { quarantineApi } from '../forms/quarantine.api'
import { webhooksApi } from '../webhooks/webhooks.api'
import { webhookDeliveriesApi } from '../webhooks/deliveries.api'
import { emailsApi } from '../settings/emails.api'
import { searchApi } from '../search/search.api'
import { scoringRulesApi } from '../settings/scoring-rules.api'
import { routingRulesApi } from '../settings/routing-rules.api'
import { routingApi } from '../settings/routing.api'
import { jobsApi } from '../settings/jobs.api'
import { viewsApi } from '../views/views.api'
import { meApi } from './me.api'
import { apiRouter } from './openapi'
import { serveOpenApiDocument } from './openapi-document'

// The JSON API under /api/v1. Each module contributes its own router.
export function createApi() {
  const api = apiRouter()
  // Built from these routes ahead of time (see openapi-document.ts). Public: before apiAuth.
  api.get('/openapi.json', serveOpenApiDocument)
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  // Counted before anything else runs, so a refused request costs one statement; POST bodies are
  // checked to be JSON before an Idempotency-Key claims them.
  api.use('*', apiAuth, apiRateLimit(), requireJson, idempotency)
  api.route('/', meApi)
  api.route('/', tokensApi)
  api.route('/', accountsApi)
  api.route('/', contactsApi)
  api.route('/', leadsApi)
  api.route('/', mergeApi)
  api.route('/', tasksApi)
  api.route('/', notesApi)
  api.route('/', activitiesApi)
  api.route('/', opportunitiesApi)
  api.route('/', pipelinesApi)
  api.route('/', emailsApi)
  api.route('/', searchApi)
  api.route('/', viewsApi)
  api.route('/', exportsApi)
  api.route('/', importsApi)
  api.route('/', scoringRulesApi)
  api.route('/', routingRulesApi)
  api.route('/', routingApi)
  api.route('/', jobsApi)
  api.route('/', formsApi)
  api.route('/', quarantineApi)
  api.route('/', webhooksApi)
  api.route('/', webhookDeliveriesApi)
  return api
}
