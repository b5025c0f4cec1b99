import { afterEach, describe, expect, it, vi } from 'vitest'
import { request } from '../helpers/app'
import { ORIGIN, type Browser, createToken, formPost, signUp, uniqueEmail, uniqueIp, withToken } from '../helpers/auth'

const EVIL = 'https://evil.example'

// The cookie rides along with every forged request; only where it came from differs.
const forgeries: [string, Record<string, string>][] = [
  ['another origin', { Origin: EVIL }],
  ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: ORIGIN }],
  ['neither Origin nor Sec-Fetch-Site', {}],
]

function forge(browser: Browser, path: string, headers: Record<string, string>, body: { form: Record<string, string> } | { json: unknown }) {
  const [contentType, payload] = 'form' in body ? ['application/x-www-form-urlencoded', new URLSearchParams(body.form)] : ['application/json', JSON.stringify(body.json)]
  return request(path, { method: 'POST', body: payload, headers: { Cookie: browser.cookie, 'Content-Type': contentType, ...headers }, redirect: 'manual' })
}

const tokenCount = async (browser: Browser) => ((await (await browser.json('GET', '/api/v1/tokens')).json()) as { data: unknown[] }).data.length

describe('CSRF: state-changing requests must come from this site', () => {
  it.each(forgeries)('refuses a sign-out form posted from %s, and the session lives on', async (_, headers) => {
    const browser = await signUp()
    const res = await forge(browser, '/logout', headers, { form: {} })
    expect(res.status).toBe(403)
    expect(res.headers.getSetCookie()).toEqual([])
    expect((await browser.get('/')).status).toBe(200)
  })

  it.each(forgeries)('refuses a token form posted from %s, creating nothing', async (_, headers) => {
    const browser = await signUp()
    const res = await forge(browser, '/settings/tokens', headers, { form: { name: 'Forged' } })
    expect(res.status).toBe(403)
    expect(await tokenCount(browser)).toBe(0)
  })

  it.each(forgeries)('refuses a JSON API call from %s with problem+json, creating nothing', async (_, headers) => {
    const browser = await signUp()
    const res = await forge(browser, '/api/v1/tokens', headers, { json: { name: 'Forged' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await tokenCount(browser)).toBe(0)
  })

  it('lets same-origin requests through, by Origin or by Sec-Fetch-Site', async () => {
    const browser = await signUp()
    expect((await forge(browser, '/settings/tokens', { Origin: ORIGIN }, { form: { name: 'By origin' } })).status).toBe(201)
    expect((await forge(browser, '/api/v1/tokens', { 'Sec-Fetch-Site': 'same-origin' }, { json: { name: 'By fetch metadata' } })).status).toBe(201)
    expect(await tokenCount(browser)).toBe(2)
    const logout = await forge(browser, '/logout', { 'Sec-Fetch-Site': 'same-origin', Origin: ORIGIN }, { form: {} })
    expect(logout.status).toBe(303)
    expect((await browser.get('/')).status).toBe(303)
  })
})

describe('the JSON API accepts only JSON bodies', () => {
  it.each([
    ['text/plain', 'text/plain', JSON.stringify({ name: 'Plain' })],
    ['a urlencoded form', 'application/x-www-form-urlencoded', 'name=Form'],
  ])('answers %s with 415, even for a signed-in same-origin caller', async (_, contentType, body) => {
    const browser = await signUp()
    const res = await request('/api/v1/tokens', { method: 'POST', body, headers: { Cookie: browser.cookie, Origin: ORIGIN, 'Content-Type': contentType } })
    expect(res.status).toBe(415)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await tokenCount(browser)).toBe(0)
  })

  it('refuses an empty form post but accepts a request with no body and no content type at all', async () => {
    const browser = await signUp()
    const { token } = await createToken(browser)
    const task = (await (await withToken(token, '/api/v1/tasks', { method: 'POST', body: { title: 'Call back' } })).json()) as { id: string }
    const form = await request(`/api/v1/tasks/${task.id}/complete`, { method: 'POST', body: new URLSearchParams(), headers: { Cookie: browser.cookie, Origin: ORIGIN } })
    expect(form.status).toBe(415)
    const bare = await withToken(token, `/api/v1/tasks/${task.id}/complete`, { method: 'POST' })
    expect(bare.status).toBe(200)
    expect(((await bare.json()) as { completedAt: string | null }).completedAt).not.toBeNull()
  })

  it('refuses a non-JSON body before routing, so routes without a body schema are covered too', async () => {
    const browser = await signUp()
    const res = await request('/api/v1/me', { method: 'POST', body: 'name=Form', headers: { Cookie: browser.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(415)
  })
})

describe('security headers', () => {
  it.each([
    ['the signed-in home page', async () => (await signUp()).get('/')],
    ['a sign-up form re-rendered with errors', () => formPost('/signup', {})],
  ])('are sent on %s', async (_, load) => {
    const res = await load()
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? ''
    expect(directive('script-src')).toMatch(/^script-src 'self'/)
    for (const d of ['script-src', 'default-src']) {
      expect(directive(d)).not.toContain('unsafe-inline')
      expect(directive(d)).not.toContain('unsafe-eval')
    }
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'")
    const hsts = res.headers.get('strict-transport-security') ?? ''
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })
})

describe('XSS: what people type is shown as text', () => {
  const NAME = '<script>alert(1)</script>'
  const WORKSPACE = '<img src=x onerror=alert(1)>'

  it.each(['/', '/settings/account', '/settings/users', '/workspaces'])('on %s, with the header', async (path) => {
    const browser = await signUp({ name: NAME, workspace: WORKSPACE })
    const res = await browser.get(path)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toContain(NAME)
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    const header = /<header[\s\S]*<\/header>/.exec(html)?.[0] ?? ''
    expect(header).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(header).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('on the sign-in page, for a crafted next parameter', async () => {
    const res = await request(`/login?next=${encodeURIComponent('"><script>alert(1)</script>')}`)
    const html = await res.text()
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
  })
})

describe('auth failure logs', () => {
  afterEach(() => vi.restoreAllMocks())

  function captureLogs(): string[] {
    const lines: string[] = []
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')))
    }
    return lines
  }

  it.each([
    ['a wrong password', true],
    ['an unknown email', false],
  ])('record %s with the request id and never the password', async (_, knownUser) => {
    const password = `Sekrit-${crypto.randomUUID()}`
    const email = knownUser ? (await signUp()).email : uniqueEmail('nobody')
    const lines = captureLogs()
    const res = await formPost('/login', { email, password }, { 'CF-Connecting-IP': uniqueIp() })
    expect(res.status).toBe(401)
    const failure = lines.find((line) => line.includes('auth.login_failed'))
    expect(failure, lines.join('\n')).toBeDefined()
    expect(JSON.parse(failure ?? '{}')).toMatchObject({ level: 'warn', requestId: res.headers.get('x-request-id') })
    expect(lines.filter((line) => line.includes(password))).toEqual([])
  })
})
