import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { createDb } from '../../src/db/client'
import { API_RATE_LIMITS, type RateLimits } from '../../src/domain/api/rate-limits'
import type { AppEnv, Env } from '../../src/env'
import { renderError } from '../../src/handlers/errors'
import { apiAuth } from '../../src/handlers/middleware/api-auth'
import { apiRateLimit } from '../../src/handlers/middleware/rate-limit'
import { loadSession } from '../../src/handlers/middleware/session'
import { requestIdMiddleware } from '../../src/lib/request-id'
import { testEnv } from '../helpers/app'
import { logIn, signUp, type Browser } from '../helpers/auth'
import { requestWith } from '../helpers/emails'

const headersOf = (res: Response) => ({ limit: res.headers.get('ratelimit-limit'), remaining: res.headers.get('ratelimit-remaining'), reset: res.headers.get('ratelimit-reset') })

// The API's middleware with limits small enough to reach, in front of one route.
function limitedApi(limits: RateLimits) {
  const app = new Hono<AppEnv>()
  app.use(requestIdMiddleware, async (c, next) => {
    c.set('db', createDb(c.env))
    await next()
  })
  app.use(loadSession)
  app.use('/api/*', apiAuth, apiRateLimit(limits))
  app.get('/api/v1/ping', (c) => c.json({ ok: true }))
  app.onError(renderError)
  return (who: Browser, env: Partial<Env> = {}) => app.request('/api/v1/ping', { headers: { Cookie: who.cookie } }, { ...testEnv, ...env })
}

// Fixed windows: pin the clock mid-window so a test never straddles a reset.
function midWindow(windowMs: number) {
  const now = Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2
  vi.spyOn(Date, 'now').mockReturnValue(now)
}

describe('API rate limits', () => {
  it('reports the limit, what is left and when it resets on every response, errors included', async () => {
    midWindow(API_RATE_LIMITS.caller.windowMs)
    const admin = await signUp()
    // The published limits: the suite's scale (vitest.config.ts) left out.
    const published = { API_RATE_LIMIT_SCALE: undefined }
    const first = await requestWith(published, admin, '/api/v1/me')
    const second = await requestWith(published, admin, '/api/v1/contacts/00000000-0000-4000-8000-000000000000')
    expect(second.status).toBe(404)
    expect(headersOf(first).limit).toBe(String(API_RATE_LIMITS.caller.limit))
    expect(Number(headersOf(second).remaining)).toBe(Number(headersOf(first).remaining) - 1)
    for (const res of [first, second]) {
      const reset = Number(headersOf(res).reset)
      expect(reset).toBeGreaterThanOrEqual(1)
      expect(reset).toBeLessThanOrEqual(API_RATE_LIMITS.caller.windowMs / 1000)
    }
  })

  it('answers over the caller limit with 429 problem+json and Retry-After, per token or session', async () => {
    midWindow(60_000)
    const admin = await signUp()
    const other = await logIn(admin.email)
    const ping = limitedApi({ caller: { limit: 3, windowMs: 60_000 }, workspace: { limit: 100, windowMs: 60_000 } })
    const remaining = []
    for (let i = 0; i < 3; i++) remaining.push(headersOf(await ping(admin)).remaining)
    expect(remaining).toEqual(['2', '1', '0'])

    const refused = await ping(admin)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    expect(refused.headers.get('retry-after')).toBe('30')
    expect(headersOf(refused)).toEqual({ limit: '3', remaining: '0', reset: '30' })
    expect(await refused.json()).toMatchObject({ status: 429, title: 'Too many requests' })
    // Another session of the same person has its own count.
    expect((await ping(other)).status).toBe(200)
  })

  it('limits the workspace as a whole, across its callers', async () => {
    midWindow(60_000)
    const admin = await signUp()
    const other = await logIn(admin.email)
    const ping = limitedApi({ caller: { limit: 10, windowMs: 10_000 }, workspace: { limit: 4, windowMs: 60_000 } })
    for (let i = 0; i < 3; i++) expect((await ping(admin)).status).toBe(200)
    const last = await ping(other)
    // The tighter of the two policies is the one reported.
    expect(headersOf(last)).toEqual({ limit: '4', remaining: '0', reset: '30' })
    const refused = await ping(other)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('30')
  })

  it('turns a caller away at the edge when the binding says so, through the real API', async () => {
    const admin = await signUp()
    const flooded = { limit: async () => ({ success: false }) } as unknown as Env['API_LIMITER']
    const res = await requestWith({ API_LIMITER: flooded }, admin, '/api/v1/me')
    expect(res.status).toBe(429)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('retry-after')).toBe(String(API_RATE_LIMITS.caller.windowMs / 1000))
    expect(headersOf(res).remaining).toBe('0')
    // Without the binding, the database count alone decides.
    expect((await requestWith({ API_LIMITER: undefined }, admin, '/api/v1/me')).status).toBe(200)
  })
})
