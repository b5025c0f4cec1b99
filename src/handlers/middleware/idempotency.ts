import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status'
import { claimIdempotencyKey, findIdempotencyKey, releaseIdempotencyKey, saveIdempotentResponse, type IdempotencyRef } from '../../db/queries/idempotency-keys'
import type { AuthedEnv } from '../../env'
import { sha256Hex } from '../../lib/auth/tokens'
import { isJson } from '../../lib/content-type'
import { AppError } from '../../lib/errors'
import { logger } from '../../lib/log'

// Idempotency-Key on POST, with Stripe's semantics (README, "Idempotency"): the first answer to a
// key is kept for 24 hours per workspace, route and key, and replayed to any repeat with the same
// parameters; other parameters get a 422, and a repeat while the first is still running a 409.
export const KEY_TTL_MS = 24 * 60 * 60_000
// Longer than any JSON request runs; a key whose request died is free again after this.
export const LOCK_MS = 60_000
const MAX_KEY_LENGTH = 255
// What a replay needs besides status and body; the rest (rate limits, request id) is the repeat's own.
const KEPT_HEADERS = ['content-type', 'location']

export const idempotency: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  const key = c.req.header('Idempotency-Key')
  if (c.req.method !== 'POST' || key === undefined) return next()
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw new AppError('BAD_REQUEST', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`)
  const ref = { tenantId: c.var.tenantId, route: `POST ${c.req.path}`, key }
  const requestHash = await hashRequest(c)
  const claimedAt = await claimIdempotencyKey(c.var.db, ref, requestHash, new Date(), LOCK_MS, KEY_TTL_MS)
  if (!claimedAt) return answerRepeat(c, ref, requestHash)

  await next()
  // A 5xx is our failure, not an answer to these parameters (and a failed batch wrote nothing):
  // the key is freed so the client's retry runs again. Every 2xx-4xx is kept and replayed,
  // errors included: the same request gets the same answer. Except a body that is not JSON (an
  // export's CSV, streamed while it is read): it is neither buffered nor kept, the key is freed
  // once the stream has started, and a repeat exports again.
  const json = c.res.body === null || /json/i.test(c.res.headers.get('content-type') ?? '')
  if (c.res.status >= 500 || !json) {
    await releaseIdempotencyKey(c.var.db, ref, claimedAt)
    return
  }
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (c.res.headers.has(name) ? [[name, c.res.headers.get(name) ?? '']] : [])))
  const body = (await c.res.clone().text()) || null
  try {
    await saveIdempotentResponse(c.var.db, ref, claimedAt, { status: c.res.status, body, headers })
  } catch (err) {
    // The work is done and its answer is on its way; the key then stays locked until
    // locked_until, after which a repeat would run the request again.
    logger.error('idempotency.save_failed', { requestId: c.var.requestId, route: ref.route, error: String(err) })
  }
}

async function answerRepeat(c: Context<AuthedEnv>, ref: IdempotencyRef, requestHash: string) {
  const row = await findIdempotencyKey(c.var.db, ref)
  // Freed (by a 5xx) between the two statements: the client's next try takes it.
  if (!row) return inFlight(c, 1)
  if (row.requestHash !== requestHash) {
    throw new AppError('VALIDATION', 'This Idempotency-Key was already used with other parameters (or by someone else). Use a new key for a new request.', [{ path: 'Idempotency-Key', message: 'Already used with other parameters.' }])
  }
  if (row.status === null) return inFlight(c, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000))
  const headers = { ...row.responseHeaders, 'Idempotent-Replayed': 'true' }
  return row.responseBody === null ? c.body(null, row.status as StatusCode, headers) : c.body(row.responseBody, row.status as ContentfulStatusCode, headers)
}

function inFlight(c: Context<AuthedEnv>, retryAfter: number): never {
  c.header('Retry-After', String(Math.max(1, retryAfter)))
  throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still in progress. Retry after it finishes to get its response.')
}

// What makes two requests "the same": who sends it (so a replay never hands one member's answer
// to another), method, path, query and body. An upload's body is streamed by its handler, never
// read here: its declared type and length stand in for it.
async function hashRequest(c: Context<AuthedEnv>): Promise<string> {
  const type = c.req.header('Content-Type')
  const body = isJson(type) ? await c.req.text() : `${type ?? ''} ${c.req.header('Content-Length') ?? ''}`
  return sha256Hex(JSON.stringify([c.var.userId, c.req.method, c.req.path, new URL(c.req.url).search, body]))
}
