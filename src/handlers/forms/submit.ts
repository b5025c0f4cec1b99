import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getFormByKey, type PublicForm } from '../../db/queries/forms'
import { quarantineSubmission } from '../../db/queries/quarantine'
import { countHits } from '../../db/queries/rate-limits'
import { capPayload } from '../../domain/forms/payload'
import { rateBuckets, secondsToWindowEnd, windowStart } from '../../domain/forms/rate-limit'
import { CONSENT_FIELD, HONEYPOT_FIELD, TIMESTAMP_FIELD, TURNSTILE_FIELD, junkReasons, timestampReason, type TimestampCheck } from '../../domain/forms/spam-checks'
import { isChecked, leadValuesFrom, requiredErrors, utmFrom, type PostedFields } from '../../domain/forms/submission-values'
import type { SpamReason } from '../../domain/forms/submissions'
import type { AppEnv } from '../../env'
import { clientIp } from '../../lib/auth/client-ip'
import { AppError, type FieldError } from '../../lib/errors'
import { captureSubmission } from '../../lib/forms/capture-submission'
import { corsHeadersFor } from '../../lib/forms/cors'
import { hashIp } from '../../lib/forms/ip-hash'
import { readSubmission } from '../../lib/forms/submission-body'
import { verifyTurnstile } from '../../lib/forms/turnstile'
import { newId } from '../../lib/ids'
import { logger } from '../../lib/log'
import { linkSecret, verifyFormTimestamp } from '../../lib/signed-links'
import { NOT_HUMAN, accepted, refused, submitError } from './submit-responses'

// POST /f/:key, where every embed posts, and its CORS preflight. Mounted before sessions are
// loaded: no cookie is read or set and the session CSRF check does not apply, since other sites
// post here by design. The form's allowed origins stand in for it. In order: the form and both
// rate-limit counts (one round trip), the origin, the limits, then the body and the spam checks.
// Spam is stored in quarantine and answered like a real submission; only a Turnstile failure is
// told, so a person can try again.
export const formSubmit = new Hono<AppEnv>()
formSubmit.onError(submitError)

const MAX_SUBMISSION_BYTES = 32 * 1024
// A form key as newFormKey makes it; anything else names no form and is not looked up.
const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/
const MAX_REFERRER_CHARS = 2048
const NOT_FOUND = 'This form does not exist or is no longer accepting submissions.'

const formKey = (c: Context<AppEnv>) => {
  const key = c.req.param('key') ?? ''
  if (!FORM_KEY.test(key)) throw new AppError('NOT_FOUND', NOT_FOUND)
  return key
}

const originOf = (url: string | undefined): string | null => {
  if (!url) return null
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

// The preflight a script's JSON post needs: answered for the form's allowed origins only.
formSubmit.options('/:key', async (c) => {
  const form = await getFormByKey(c.var.db, formKey(c))
  if (!form) throw new AppError('NOT_FOUND', NOT_FOUND)
  const cors = corsHeadersFor(c.req.header('Origin'), form.allowedOrigins)
  return cors ? c.body(null, 204, cors) : c.body(null, 403)
})

async function readTimestamp(c: Context<AppEnv>, key: string, token: string | undefined, now: number): Promise<TimestampCheck> {
  const secret = linkSecret(c.env)
  // Without a secret no page carries a timestamp, so none can be checked.
  if (!token || !secret) return { kind: 'missing' }
  const check = await verifyFormTimestamp(secret, key, token, now)
  return check.ok ? { kind: 'age', ageMs: check.ageMs } : { kind: 'invalid' }
}

// Checks a person can fix: required fields, and values the lead schema refuses. One error a field.
function fieldErrors(form: PublicForm, posted: PostedFields, valueErrors: FieldError[]): FieldError[] {
  const errors = [...requiredErrors(form.fields, posted), ...valueErrors]
  return errors.filter((e, i) => errors.findIndex((o) => o.path === e.path) === i)
}

// What is stored of the post: everything but Turnstile's token (long, single-use, and useless
// once checked), capped in size.
const storedPayload = (posted: PostedFields) => capPayload(Object.fromEntries(Object.entries(posted).filter(([k]) => k !== TURNSTILE_FIELD)))

formSubmit.post(
  '/:key',
  bodyLimit({ maxSize: MAX_SUBMISSION_BYTES, onError: () => { throw new AppError('PAYLOAD_TOO_LARGE', 'The form is too large to send (at most 32 KB).') } }),
  async (c) => {
    const key = formKey(c)
    const db = c.var.db
    const now = Date.now()
    const ip = clientIp(c)
    const ipHash = await hashIp(c.env, ip)
    const buckets = rateBuckets(key, ipHash)
    const [form, hits] = await Promise.all([getFormByKey(db, key), countHits(db, [buckets.form, buckets.ip], windowStart(now))])
    if (!form) throw new AppError('NOT_FOUND', NOT_FOUND)

    // The hosted page posts from our own origin; embeds from the form's allowed sites. A post that
    // names neither Origin nor Referer is judged, but held as suspect.
    const origin = c.req.header('Origin') ?? originOf(c.req.header('Referer'))
    if (origin !== null && origin !== originOf(c.env.APP_URL) && !form.allowedOrigins.includes(origin)) {
      logger.warn('form.origin_refused', { requestId: c.var.requestId, formId: form.id, origin })
      throw new AppError('FORBIDDEN', 'This form does not accept submissions from this site.')
    }
    for (const [name, value] of Object.entries(corsHeadersFor(origin, form.allowedOrigins) ?? {})) c.header(name, value)

    const hitsOf = (bucket: string) => hits.find((h) => h.bucket === bucket)?.hits ?? 0
    if (hitsOf(buckets.ip) > form.maxPerIpPerMinute || hitsOf(buckets.form) > form.maxPerMinute) {
      c.header('Retry-After', String(secondsToWindowEnd(now)))
      throw new AppError('RATE_LIMITED', 'Too many submissions. Please wait a minute and try again.')
    }

    const posted = await readSubmission(c)
    const reasons: SpamReason[] = []
    if (origin === null) reasons.push('no_origin')
    if (posted[HONEYPOT_FIELD]?.trim()) reasons.push('honeypot')
    const timestamp = await readTimestamp(c, key, posted[TIMESTAMP_FIELD], now)
    const late = timestampReason(timestamp, form)
    if (late) reasons.push(late)
    reasons.push(...junkReasons(form.fields, posted))

    const referrer = c.req.header('Referer')?.slice(0, MAX_REFERRER_CHARS) ?? null
    const utm = utmFrom(posted, referrer)
    const { values, errors } = leadValuesFrom(form.fields, posted, { source: form.defaultSource, utm })
    // Nothing suspect yet: a person's mistakes go back to them before Turnstile spends its token.
    const keptTimestamp = timestamp.kind === 'age' ? posted[TIMESTAMP_FIELD] : undefined
    if (!reasons.length) {
      const mistakes = fieldErrors(form, posted, errors)
      if (mistakes.length) return refused(c, form, posted, mistakes, 422, keptTimestamp)
    }
    if (form.turnstileSecret && !(await verifyTurnstile(form.turnstileSecret, posted[TURNSTILE_FIELD], ip === 'unknown' ? null : ip, c.var.requestId))) reasons.push('turnstile_failed')

    const submission = {
      id: newId(),
      formId: form.id,
      payload: storedPayload(posted),
      origin,
      referrer,
      utm,
      consentText: form.consentText,
      consentGiven: form.consentText ? isChecked(posted[CONSENT_FIELD]) : null,
      ipHash,
    }
    if (reasons.length) {
      await quarantineSubmission(db, form.tenantId, { ...submission, spamReasons: reasons })
      logger.info('form.quarantined', { requestId: c.var.requestId, formId: form.id, submissionId: submission.id, reasons })
      if (reasons.includes('turnstile_failed')) return refused(c, form, posted, [{ path: TURNSTILE_FIELD, message: NOT_HUMAN }], 403, keptTimestamp)
      return accepted(c, form)
    }
    await captureSubmission(
      c.env,
      db,
      form.tenantId,
      { values, formId: form.id, ownerId: form.ownerId ?? undefined, submission: { kind: 'new', ...submission, verdict: 'clean', spamReasons: [] }, actorUserId: null },
      c.var.requestId,
    )
    return accepted(c, form)
  },
)
