import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createDb } from './db/client'
import type { AppEnv } from './env'
import { accountsActions } from './handlers/accounts/accounts.actions'
import { accountsPages } from './handlers/accounts/accounts.pages'
import { createApi } from './handlers/api/api'
import { apiDocsPages } from './handlers/api/api-docs.pages'
import { contactsActions } from './handlers/contacts/contacts.actions'
import { contactsPages } from './handlers/contacts/contacts.pages'
import { leadConvertPages } from './handlers/leads/lead-convert.pages'
import { leadsActions } from './handlers/leads/leads.actions'
import { leadsPages } from './handlers/leads/leads.pages'
import { loginPages } from './handlers/auth/login.pages'
import { passwordPages } from './handlers/auth/password.pages'
import { signupPages } from './handlers/auth/signup.pages'
import { devMailPages } from './handlers/dev/mail.pages'
import { duplicatesPages } from './handlers/duplicates/duplicates.pages'
import { renderError } from './handlers/errors'
import { homePages } from './handlers/home/home.pages'
import { invitationPages } from './handlers/invitations/invitations.pages'
import { opportunitiesPages } from './handlers/opportunities/opportunities.pages'
import { activitiesPages } from './handlers/activities/activities.pages'
import { myWorkPages } from './handlers/my-work/my-work.pages'
import { notesPages } from './handlers/notes/notes.pages'
import { searchPages } from './handlers/search/search.pages'
import { tasksActions } from './handlers/tasks/tasks.actions'
import { tasksPages } from './handlers/tasks/tasks.pages'
import { taskLinkPages } from './handlers/tasks/task-links.pages'
import { exportsPages } from './handlers/exports/exports.pages'
import { importsPages } from './handlers/imports/imports.pages'
import { csrfProtection } from './handlers/middleware/csrf'
import { formSubmit } from './handlers/forms/submit'
import { publicFormPages } from './handlers/forms/public-form.pages'
import { formsPages } from './handlers/forms/forms.pages'
import { quarantinePages } from './handlers/forms/quarantine.pages'
import { loadSession } from './handlers/middleware/session'
import { accountPages } from './handlers/settings/account.pages'
import { workspaceSettingsPages } from './handlers/settings/workspace-settings.pages'
import { emailLogPages } from './handlers/settings/email-log.pages'
import { scoringRulesPages } from './handlers/settings/scoring-rules.pages'
import { routingRulesPages } from './handlers/settings/routing-rules.pages'
import { routingPages } from './handlers/settings/routing.pages'
import { jobsPages } from './handlers/settings/jobs.pages'
import { webhooksPages } from './handlers/webhooks/webhooks.pages'
import { tokensPages } from './handlers/tokens/tokens.pages'
import { usersPages } from './handlers/users/users.pages'
import { viewsPages } from './handlers/views/views.pages'
import { workspacePages } from './handlers/workspaces/workspaces.pages'
import { health } from './handlers/system/health'
import { useCursorSecret } from './lib/cursor'
import { AppError } from './lib/errors'
import { ensurePhoneMetadata } from './lib/phone'
import { requestIdMiddleware } from './lib/request-id'
import { securityHeaders } from './lib/security-headers'
import { linkSecret } from './lib/signed-links'
import { renderer } from './views/layout'

// Default cap for request bodies. An import's upload is exempt: it streams to R2 and counts its
// own bytes against its own limit (receiveUpload), where this cap would buffer it in memory.
const MAX_BODY_BYTES = 1024 * 1024
const IMPORT_UPLOADS = new Set(['/imports', '/api/v1/imports'])
const bodyCap = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError('PAYLOAD_TOO_LARGE', 'The body is larger than 1 MB.') } })

export function createApp() {
  const app = new Hono<AppEnv>()

  app.use(requestIdMiddleware)
  app.use(securityHeaders)
  // Phone parsing is synchronous, so its metadata (a static asset) is loaded before any handler;
  // after an isolate's first request this is a check of one variable.
  app.use(async (c, next) => {
    await ensurePhoneMetadata(c.env.ASSETS)
    await next()
  })
  app.use((c, next) => (c.req.method === 'POST' && IMPORT_UPLOADS.has(c.req.path) ? next() : bodyCap(c, next)))
  app.use(async (c, next) => {
    c.set('db', createDb(c.env))
    useCursorSecret(linkSecret(c.env))
    await next()
  })
  // Public form submissions (POST /f/:key and its preflight) come from other sites by design:
  // answered before sessions load, so no cookie is read or set and the CSRF check does not apply;
  // the form's allowed origins are checked instead.
  app.route('/f', formSubmit)
  // The hosted form, its thank-you page and the script embed's definition: GET pages for anyone,
  // framable only by the form's allowed origins, likewise served without a session.
  app.route('/f', publicFormPages)
  app.use(loadSession)
  app.use(csrfProtection)
  app.use(renderer)

  app.route('/', health)
  app.route('/', signupPages)
  app.route('/', loginPages)
  app.route('/', passwordPages)
  // Signed reminder links (/t/:token) act without a session.
  app.route('/', taskLinkPages)
  app.route('/', homePages)
  app.route('/dev/mail', devMailPages)
  app.route('/', workspacePages)
  app.route('/', accountPages)
  app.route('/', usersPages)
  app.route('/', workspaceSettingsPages)
  app.route('/', emailLogPages)
  app.route('/', scoringRulesPages)
  app.route('/', routingRulesPages)
  app.route('/', routingPages)
  app.route('/', jobsPages)
  app.route('/', webhooksPages)
  app.route('/', invitationPages)
  app.route('/', tokensPages)
  // Before the forms pages, whose /forms/:id would otherwise take /forms/quarantine.
  app.route('/', quarantinePages)
  app.route('/', formsPages)
  app.route('/', importsPages)
  // Exports and actions first: their fixed paths (/accounts/export.csv, /accounts/bulk) must win
  // over the pages' /:id routes.
  app.route('/', exportsPages)
  app.route('/', accountsActions)
  app.route('/', accountsPages)
  app.route('/', contactsActions)
  app.route('/', contactsPages)
  app.route('/', leadsActions)
  app.route('/', leadConvertPages)
  app.route('/', leadsPages)
  app.route('/', duplicatesPages)
  app.route('/', opportunitiesPages)
  app.route('/', myWorkPages)
  app.route('/', tasksActions)
  app.route('/', tasksPages)
  app.route('/', notesPages)
  app.route('/', activitiesPages)
  app.route('/', viewsPages)
  app.route('/', searchPages)
  app.route('/', apiDocsPages)
  app.route('/api/v1', createApi())

  app.notFound((c) => renderError(new AppError('NOT_FOUND', 'There is nothing at this address.'), c))
  app.onError((err, c) => renderError(err, c))
  return app
}
