import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { request, testEnv } from '../helpers/app'
import { signUp } from '../helpers/auth'


describe('the app shell', () => {
  it('serves pages with htmx from our own assets and no inline script', async () => {
    const res = await request('/login')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('<script src="/vendor/htmx.min.js"')
    expect(html).toContain('name="htmx-config"')
    expect(html).toContain('id="flash"')
    // Every <script> has a src: nothing inline for the CSP to have to allow.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull()
  })

  it('sends the security headers', async () => {
    const res = await request('/login')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=(\d+)/)
    expect(Number(/max-age=(\d+)/.exec(res.headers.get('strict-transport-security') ?? '')?.[1])).toBeGreaterThanOrEqual(31536000)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('sends the same full set of browser protections on every kind of response', async () => {
    const expected = {
      'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    }
    const responses = [await request('/login'), await request('/no-such-page'), await request('/api/v1/nothing'), await request('/api/v1/openapi.json')]
    for (const res of responses) {
      const sent = Object.fromEntries([...res.headers].filter(([name]) => name in expected))
      expect(sent, res.url).toEqual(expected)
      expect(res.headers.has('cross-origin-embedder-policy')).toBe(false)
    }
  })

  it('serves the status card as a fragment for htmx', async () => {
    const browser = await signUp()
    const res = await browser.get('/status', { 'HX-Request': 'true' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="system-status"')
    expect(html).toContain('data-state="ok"')
  })
})

describe('errors', () => {
  it('renders a styled 404 page for an unknown address', async () => {
    const res = await request('/no-such-page')
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('<link rel="stylesheet" href="/css/app.css"')
    expect(html).toContain('Not found')
  })

  it('answers 401 under /api as problem+json without credentials, 404 with them', async () => {
    const anonymous = await request('/api/v1/nothing')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json')
    const res = await (await signUp()).json('GET', '/api/v1/nothing')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found' })
  })

  it('sends htmx errors to the flash region', async () => {
    const res = await request('/no-such-fragment', { headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('hx-retarget')).toBe('#flash')
    expect(await res.text()).toContain('class="flash flash-error"')
  })

  it('refuses bodies over the limit with 413', async () => {
    const res = await request('/healthz', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-type': 'text/plain' } })
    expect(res.status).toBe(413)
  })
})

describe('unexpected failures', () => {
  it('answer 500 with a request id and no stack trace', async () => {
    const app = createApp()
    app.get('/boom', () => {
      throw new Error('secret internals at handler.ts:42')
    })
    const res = await app.request('/boom', {}, testEnv)
    expect(res.status).toBe(500)
    const html = await res.text()
    expect(html).toContain('Something went wrong')
    expect(html).toContain(res.headers.get('x-request-id') ?? 'missing request id')
    expect(html).not.toContain('secret internals')
    expect(html).not.toContain('handler.ts')
  })
})
