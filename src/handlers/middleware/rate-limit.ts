import type { Context, MiddlewareHandler } from 'hono'
import { countHitsIn } from '../../db/queries/rate-limits'
import { API_RATE_LIMITS, rateState, windowStartOf, type RateLimits, type RateState } from '../../domain/api/rate-limits'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'

// The JSON API's rate limits, per caller and per workspace. The database's fixed-window counter
// is the meter: one upsert per request counts the hit in both buckets and returns both counts,
// which decide the 429 and fill RateLimit-Limit, -Remaining and -Reset, so the headers are exact
// and always agree with what is enforced. The rate-limit binding cannot be that meter: it answers
// only yes or no, per Cloudflare location and approximately, so headers built on it would be
// guesses. It stands in front instead, at three times the caller limit (wrangler.toml), so a
// client that ignores its 429s is turned away at the edge rather than costing a database write
// per request. The binding is optional: without it the meter alone enforces the same limits.
export function apiRateLimit(given: RateLimits = API_RATE_LIMITS): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    const limits = given === API_RATE_LIMITS ? scaled(given, Number(c.env.API_RATE_LIMIT_SCALE) || 1) : given
    const { tokenId, sessionId } = c.var.auth
    const caller = tokenId ? `token:${tokenId}` : `session:${sessionId}`
    const full = { limit: limits.caller.limit, remaining: 0, resetSeconds: limits.caller.windowMs / 1000, exceeded: true }
    if (c.env.API_LIMITER && !(await c.env.API_LIMITER.limit({ key: caller })).success) refuse(c, full)

    const now = Date.now()
    const buckets = [
      { policy: limits.caller, bucket: `api:${caller}` },
      { policy: limits.workspace, bucket: `api:workspace:${c.var.tenantId}` },
    ]
    const rows = await countHitsIn(c.var.db, buckets.map((b) => ({ bucket: b.bucket, windowStart: new Date(windowStartOf(now, b.policy.windowMs)) })))
    const hits = new Map(rows.map((r) => [r.bucket, r.hits]))
    const state = rateState(buckets.map((b) => ({ policy: b.policy, hits: hits.get(b.bucket) ?? 1 })), now)
    if (state.exceeded) refuse(c, state)
    setHeaders(c, state)
    await next()
  }
}

const scaled = (limits: RateLimits, by: number): RateLimits =>
  by === 1 ? limits : { caller: { ...limits.caller, limit: limits.caller.limit * by }, workspace: { ...limits.workspace, limit: limits.workspace.limit * by } }

function setHeaders(c: Context<AuthedEnv>, state: RateState) {
  c.header('RateLimit-Limit', String(state.limit))
  c.header('RateLimit-Remaining', String(state.remaining))
  c.header('RateLimit-Reset', String(state.resetSeconds))
}

function refuse(c: Context<AuthedEnv>, state: RateState): never {
  setHeaders(c, state)
  c.header('Retry-After', String(state.resetSeconds))
  throw new AppError('RATE_LIMITED', `Rate limit of ${state.limit} requests exceeded. Retry after ${state.resetSeconds} s.`)
}
