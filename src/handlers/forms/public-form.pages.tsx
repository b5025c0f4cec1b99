import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { getFormByKey, type PublicForm } from '../../db/queries/forms'
import { autocompleteFor, formUrl } from '../../domain/forms/embed'
import type { AppEnv } from '../../env'
import { corsHeadersFor } from '../../lib/forms/cors'
import { PublicNotFound, renderDocument } from '../../views/forms/public-page'
import { formTimestamp, renderHostedForm, renderThanks } from './hosted-form-response'

// The public GET side of a lead capture form, mounted at /f before sessions are loaded: no cookie
// is read or set here. /f/:key is the hosted form (the iframe embed), /f/:key/thanks its thank-you
// page, and /f/:key/definition.json what the script embed (public/embed.js) renders the form
// from. Submissions (POST /f/:key) are handled in submit*.ts.
export const publicFormPages = new Hono<AppEnv>()

// newFormKey's 22 characters; anything else cannot name a form, so it is not looked up.
const KEY = /^[A-Za-z0-9_-]{16,64}$/

async function formOf(c: Context<AppEnv>): Promise<PublicForm | null> {
  const key = c.req.param('key') ?? ''
  return KEY.test(key) ? getFormByKey(c.var.db, key) : null
}

const notFound = (c: Context<AppEnv>) => c.html(renderDocument(<PublicNotFound />), 404, { 'Cache-Control': 'no-store' })

publicFormPages.get('/:key', async (c) => {
  const form = await formOf(c)
  return form ? renderHostedForm(c, form) : notFound(c)
})

publicFormPages.get('/:key/thanks', async (c) => {
  const form = await formOf(c)
  return form ? renderThanks(c, form) : notFound(c)
})

// CORS headers only for the form's allowed origins: any other site's script gets nothing it can
// read. The timestamp is fresh each time, so it is never cached.
publicFormPages.get('/:key/definition.json', async (c) => {
  const form = await formOf(c)
  if (!form) return c.json({ ok: false, error: 'not_found' }, 404, { 'Cache-Control': 'no-store' })
  const cors = corsHeadersFor(c.req.header('Origin'), form.allowedOrigins) ?? { Vary: 'Origin' }
  const definition = {
    key: form.key,
    fields: form.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, required: f.required, options: f.options ?? [], autocomplete: autocompleteFor(f) ?? null })),
    consentText: form.consentText,
    turnstileSiteKey: form.turnstileSiteKey,
    timestamp: await formTimestamp(c.env, form.key),
    action: formUrl(c.env.APP_URL, form.key),
    thankYouMessage: form.thankYouMessage,
    redirectUrl: form.redirectUrl,
  }
  return c.json(definition, 200, { ...cors, 'Cache-Control': 'no-store' })
})
