import { afterEach, describe, expect, it, vi } from 'vitest'
import { errorUnder, inputById } from '../forms/fixtures'
import { SITE, leadsWithEmail, person, post, submissionsOf, workspaceWithForm } from './fixtures'

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'
const SECRET = '0x4AAAAAAA-test-secret'
const TURNSTILE = { turnstileSiteKey: '0x4AAAAAAA-site-key', turnstileSecret: SECRET }
const NOT_HUMAN = 'We could not verify you are human. Please try again.'

type Answer = (form: URLSearchParams, signal: AbortSignal | undefined) => Promise<Response>

// Cloudflare's siteverify, mocked at the fetch layer: every call is recorded and answered by
// `answer`; everything else (the database driver) still goes to the network.
function siteverify(answer: Answer) {
  const calls: URLSearchParams[] = []
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (!url.startsWith(SITEVERIFY)) return realFetch(input, init)
    const form = new URLSearchParams(String(init?.body ?? ''))
    calls.push(form)
    return answer(form, init?.signal ?? undefined)
  })
  return calls
}

const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }))

afterEach(() => vi.restoreAllMocks())

describe('POST /f/:key with Turnstile', () => {
  it('makes a lead when Cloudflare verifies the token, sending it the secret, the token and the address', async () => {
    const calls = siteverify(() => json({ success: true, 'error-codes': [] }))
    const { tenantId, form } = await workspaceWithForm(TURNSTILE)
    const fields = await person(form.key, { 'cf-turnstile-response': 'token-ok' })
    const res = await post(form.key, fields, { json: true, ip: '203.0.113.7' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(calls.map((c) => Object.fromEntries(c))).toEqual([{ secret: SECRET, response: 'token-ok', remoteip: '203.0.113.7' }])
    expect(await leadsWithEmail(tenantId, fields.email ?? '')).toHaveLength(1)
    const [stored] = await submissionsOf(tenantId, form.id)
    expect(stored).toMatchObject({ verdict: 'clean', outcome: 'created' })
    // The single-use token is not kept.
    expect(stored?.payload).not.toHaveProperty('cf-turnstile-response')
  })

  it('holds a post Cloudflare refuses, and tells the visitor to try again (403)', async () => {
    siteverify(() => json({ success: false, 'error-codes': ['invalid-input-response'] }))
    const { tenantId, form } = await workspaceWithForm(TURNSTILE)
    const fields = await person(form.key, { 'cf-turnstile-response': 'token-bad' })
    const res = await post(form.key, fields, { json: true })
    expect(res.status).toBe(403)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SITE)
    expect(await res.json()).toMatchObject({ ok: false, message: NOT_HUMAN })
    expect(await submissionsOf(tenantId, form.id)).toMatchObject([{ verdict: 'spam', outcome: 'quarantined', spamReasons: ['turnstile_failed'], leadId: null }])
    expect(await leadsWithEmail(tenantId, fields.email ?? '')).toHaveLength(0)
  })

  it('gives a plain post the form again with its values and the message', async () => {
    siteverify(() => json({ success: false, 'error-codes': ['invalid-input-response'] }))
    const { form } = await workspaceWithForm(TURNSTILE)
    const res = await post(form.key, await person(form.key, { firstName: 'Grace', 'cf-turnstile-response': 'token-bad' }))
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(html).toContain(NOT_HUMAN)
    expect(inputById(html, 'f-firstName')).toBe('Grace')
    expect(html).toContain('class="cf-turnstile"')
  })

  it('refuses a replayed token: Cloudflare answers a second use with timeout-or-duplicate', async () => {
    const seen = new Set<string>()
    siteverify((form) => {
      const token = form.get('response') ?? ''
      const first = !seen.has(token)
      seen.add(token)
      return json(first ? { success: true } : { success: false, 'error-codes': ['timeout-or-duplicate'] })
    })
    const { tenantId, form } = await workspaceWithForm(TURNSTILE)
    const fields = await person(form.key, { 'cf-turnstile-response': 'token-once' })
    expect((await post(form.key, fields, { json: true })).status).toBe(200)
    expect((await post(form.key, fields, { json: true })).status).toBe(403)
    expect((await submissionsOf(tenantId, form.id)).map((s) => s.outcome).sort()).toEqual(['created', 'quarantined'])
  })

  it('fails closed when Cloudflare does not answer within 5 seconds', async () => {
    const calls = siteverify((_form, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))))
    const { tenantId, form } = await workspaceWithForm(TURNSTILE)
    const started = Date.now()
    const res = await post(form.key, await person(form.key, { 'cf-turnstile-response': 'token-slow' }), { json: true })
    expect(res.status).toBe(403)
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900)
    expect(calls).toHaveLength(1)
    expect(await submissionsOf(tenantId, form.id)).toMatchObject([{ outcome: 'quarantined', spamReasons: ['turnstile_failed'] }])
  })

  it('fails closed when Cloudflare cannot be reached, or answers with an error page', async () => {
    siteverify(() => Promise.reject(new TypeError('network down')))
    const { tenantId, form } = await workspaceWithForm(TURNSTILE)
    expect((await post(form.key, await person(form.key, { 'cf-turnstile-response': 't' }), { json: true })).status).toBe(403)
    vi.restoreAllMocks()
    siteverify(() => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })))
    expect((await post(form.key, await person(form.key, { 'cf-turnstile-response': 't' }), { json: true })).status).toBe(403)
    expect((await submissionsOf(tenantId, form.id)).map((s) => s.spamReasons)).toEqual([['turnstile_failed'], ['turnstile_failed']])
  })

  it('refuses a post without a token, without asking Cloudflare', async () => {
    const calls = siteverify(() => json({ success: true }))
    const { tenantId, form } = await workspaceWithForm(TURNSTILE)
    expect((await post(form.key, await person(form.key), { json: true })).status).toBe(403)
    expect(calls).toHaveLength(0)
    expect(await submissionsOf(tenantId, form.id)).toMatchObject([{ spamReasons: ['turnstile_failed'] }])
  })

  it("does not spend the token on a person's mistake: the form comes back first", async () => {
    const calls = siteverify(() => json({ success: true }))
    const { form } = await workspaceWithForm(TURNSTILE)
    const res = await post(form.key, await person(form.key, { email: '', 'cf-turnstile-response': 'token-keep' }))
    expect(res.status).toBe(422)
    expect(errorUnder(await res.text(), 'f-email')).toBe('Email is required.')
    expect(calls).toHaveLength(0)
  })
})
