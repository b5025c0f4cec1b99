import { describe, expect, it } from 'vitest'
import { formTimestamp } from '../../src/handlers/forms/hosted-form-response'
import { verifyFormTimestamp } from '../../src/lib/signed-links'
import { request, testEnv } from '../helpers/app'
import { signUp } from '../helpers/auth'
import { api } from '../helpers/records'
import { SITE, createForm } from './fixtures'

const cspOf = (res: Response) => res.headers.get('Content-Security-Policy') ?? ''
const directive = (res: Response, name: string) => cspOf(res).split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? null

describe('GET /f/:key', () => {
  it('serves a standalone form with labels, consent, the honeypot and a signed timestamp, without a session', async () => {
    const admin = await signUp()
    const form = await createForm(admin, { consentText: 'Email me about products.' })
    // Even a signed-in visitor's cookie is neither read nor renewed here.
    const res = await request(`/f/${form.key}`, { headers: { Cookie: admin.cookie } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Set-Cookie')).toBeNull()
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const html = await res.text()
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).not.toContain('class="app-header"')
    expect(html).not.toContain('/js/app.js')
    expect(html).toContain('<link rel="stylesheet" href="/css/hosted-form.css"/>')
    expect(html).toContain(`<form method="post" action="/f/${form.key}" class="crm-form">`)
    expect(html).toContain('<label for="f-email">Email</label>')
    expect(html).toMatch(/<input id="f-email" name="email" type="email" value="" required="" autocomplete="email"/)
    expect(html).toContain('<label for="f-size">Company size</label>')
    expect(html).toContain('<option value="11-50">11-50</option>')
    expect(html).toMatch(/<input type="checkbox" id="f-_consent" name="_consent"\/>\s*<label for="f-_consent">Email me about products.<\/label>/)
    // The honeypot: off-screen, out of the tab order, hidden from assistive technology.
    expect(html).toContain('<div class="hp" aria-hidden="true"><label for="f-_hp">Leave this field empty</label><input type="text" id="f-_hp" name="_hp" value="" tabindex="-1" autocomplete="off"/></div>')
    const ts = /<input type="hidden" name="_ts" value="([^"]+)"\/>/.exec(html)?.[1] ?? ''
    expect(await verifyFormTimestamp(testEnv.LINK_SECRET ?? '', form.key, ts)).toMatchObject({ ok: true })
    expect(html).not.toContain('cf-turnstile')
  })

  it('may be framed only by the allowed origins, while every other page stays unframable', async () => {
    const admin = await signUp()
    const form = await createForm(admin, { allowedOrigins: [SITE, 'http://localhost:5173'] })
    const res = await request(`/f/${form.key}`)
    expect(directive(res, 'frame-ancestors')).toBe(`frame-ancestors ${SITE} http://localhost:5173`)
    expect(res.headers.get('X-Frame-Options')).toBeNull()
    expect(directive(res, 'script-src')).toBe("script-src 'self'")
    const thanks = await request(`/f/${form.key}/thanks`)
    expect(directive(thanks, 'frame-ancestors')).toBe(`frame-ancestors ${SITE} http://localhost:5173`)

    const closed = await createForm(admin, { allowedOrigins: [] })
    const unframed = await request(`/f/${closed.key}`)
    expect(directive(unframed, 'frame-ancestors')).toBe("frame-ancestors 'none'")
    expect(unframed.headers.get('X-Frame-Options')).toBe('DENY')

    for (const path of ['/login', '/forms', `/forms/${form.id}`, `/f/${form.key}/definition.json`]) {
      const other = path.startsWith('/forms') ? await admin.get(path) : await request(path)
      expect(directive(other, 'frame-ancestors'), path).toBe("frame-ancestors 'none'")
      expect(other.headers.get('X-Frame-Options'), path).toBe('DENY')
    }
  })

  it("loads Turnstile's widget only on a form that uses it, and lets posts end on the redirect page", async () => {
    const admin = await signUp()
    const form = await createForm(admin, { turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: 'secret', redirectUrl: 'https://go.example.org/thanks?from=form' })
    const res = await request(`/f/${form.key}`)
    const html = await res.text()
    expect(html).toContain('<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async="" defer=""></script>')
    expect(html).toContain('<div class="cf-turnstile" data-sitekey="1x00000000000000000000AA"></div>')
    expect(directive(res, 'script-src')).toBe("script-src 'self' https://challenges.cloudflare.com")
    expect(directive(res, 'frame-src')).toBe('frame-src https://challenges.cloudflare.com')
    expect(directive(res, 'form-action')).toBe("form-action 'self' https://go.example.org")
    // Nowhere else.
    expect(directive(await request('/login'), 'script-src')).toBe("script-src 'self'")
  })

  it('shows the thank-you message, and answers 404 for an unknown or archived form', async () => {
    const admin = await signUp()
    const form = await createForm(admin, { thankYouMessage: 'Thanks! We will call you within a day.' })
    expect(await (await request(`/f/${form.key}/thanks`)).text()).toContain('Thanks! We will call you within a day.')

    expect((await api(admin, 'DELETE', `/forms/${form.id}`)).status).toBe(200)
    for (const path of [`/f/${form.key}`, `/f/${form.key}/thanks`, `/f/${form.key}/definition.json`, '/f/AAAAAAAAAAAAAAAAAAAAAA', '/f/short']) {
      expect((await request(path)).status, path).toBe(404)
    }
    const page = await (await request(`/f/${form.key}`)).text()
    expect(page).toContain('Form not found')

    expect((await api(admin, 'POST', `/forms/${form.id}/restore`)).status).toBe(200)
    expect((await request(`/f/${form.key}`)).status).toBe(200)
  })

  it('renders without a timestamp when LINK_SECRET is not set up', async () => {
    expect(await formTimestamp({ ...testEnv, LINK_SECRET: undefined }, 'AAAAAAAAAAAAAAAAAAAAAA')).toBeNull()
    expect(await formTimestamp({ ...testEnv, LINK_SECRET: 'too short' }, 'AAAAAAAAAAAAAAAAAAAAAA')).toBeNull()
  })
})

describe('GET /f/:key/definition.json', () => {
  it('gives allowed origins the definition with CORS headers, and other sites none', async () => {
    const admin = await signUp()
    const form = await createForm(admin, { consentText: 'Yes, email me.', thankYouMessage: 'Thanks!' })
    const res = await request(`/f/${form.key}/definition.json`, { headers: { Origin: SITE } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SITE)
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull()
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Set-Cookie')).toBeNull()
    const def = (await res.json()) as Record<string, unknown>
    expect(def).toMatchObject({
      key: form.key,
      consentText: 'Yes, email me.',
      turnstileSiteKey: null,
      action: `http://localhost/f/${form.key}`,
      thankYouMessage: 'Thanks!',
      redirectUrl: null,
    })
    expect(def.fields).toEqual([
      { name: 'email', label: 'Email', type: 'email', required: true, options: [], autocomplete: 'email' },
      { name: 'firstName', label: 'First name', type: 'text', required: false, options: [], autocomplete: 'given-name' },
      { name: 'size', label: 'Company size', type: 'select', required: false, options: ['1-10', '11-50'], autocomplete: null },
    ])
    expect(await verifyFormTimestamp(testEnv.LINK_SECRET ?? '', form.key, String(def.timestamp))).toMatchObject({ ok: true })
    expect('turnstileSecret' in def).toBe(false)

    for (const origin of ['https://evil.example', 'https://www.example.com.evil.example', 'null']) {
      const other = await request(`/f/${form.key}/definition.json`, { headers: { Origin: origin } })
      expect(other.status).toBe(200)
      expect(other.headers.get('Access-Control-Allow-Origin'), origin).toBeNull()
    }
  })
})
