import { describe, expect, it } from 'vitest'
import { request, testEnv } from '../helpers/app'
import { signUp } from '../helpers/auth'

// The API reference is documentation: anyone may read it, and it runs under the app's own CSP
// from files we serve, never from a CDN.
describe('GET /api/docs', () => {
  it('serves the reference to a signed-out visitor, under the strict CSP', async () => {
    const res = await request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    const html = await res.text()
    expect(html).toContain('data-openapi-url="/api/v1/openapi.json"')
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/) // no inline script
  })

  it('loads only scripts and stylesheets from our own assets, all present', async () => {
    const html = await (await request('/api/docs')).text()
    const assets = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"/g)].map((m) => m[1] ?? '')
    expect(assets).toEqual(expect.arrayContaining(['/vendor/swagger-ui/swagger-ui-bundle.js', '/vendor/swagger-ui/swagger-ui.css', '/js/api-docs.js']))
    for (const path of assets) {
      expect(path, path).toMatch(/^\/(?!\/)/)
      const asset = await testEnv.ASSETS.fetch(new URL(path, 'http://localhost'))
      expect(asset.status, path).toBe(200)
      expect(asset.headers.get('content-type'), path).toMatch(/^(text\/css|text\/javascript|application\/javascript|image\/svg\+xml)/)
      await asset.body?.cancel()
    }
  })

  it('is linked from the API tokens page', async () => {
    const admin = await signUp()
    expect(await (await admin.get('/settings/tokens')).text()).toContain('href="/api/docs"')
  })
})
