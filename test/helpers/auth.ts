import { desc, eq } from 'drizzle-orm'
import { outbox } from '../../src/db/schema'
import type { Role } from '../../src/domain/access/roles'
import { request, testDb } from './app'

export const ORIGIN = 'http://localhost'
export const PASSWORD = 'plum-harbour-velvet-42'

let counter = 0
export const uniqueEmail = (label = 'user') => `${label}-${Date.now().toString(36)}-${++counter}@example.test`

// A signed-in browser: carries its session cookie and sends same-origin headers, as a real one would.
export type Browser = {
  cookie: string
  email: string
  get(path: string, headers?: Record<string, string>): Promise<Response>
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>
  json(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
}

export function formPost(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return request(path, { method: 'POST', body: new URLSearchParams(form), headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, redirect: 'manual' })
}

export function sessionCookieFrom(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('crm_session='))
  if (!set) throw new Error(`no session cookie in response ${res.status}`)
  return set.split(';')[0] ?? ''
}

export function browserFor(cookie: string, email: string): Browser {
  const withCookie = (headers: Record<string, string> = {}) => ({ Cookie: cookie, ...headers })
  return {
    cookie,
    email,
    get: (path, headers) => request(path, { headers: withCookie(headers), redirect: 'manual' }),
    post: (path, form, headers) => formPost(path, form, withCookie(headers)),
    json: (method, path, body, headers) =>
      request(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: withCookie({ Origin: ORIGIN, 'Content-Type': 'application/json', ...headers }), redirect: 'manual' }),
  }
}

// Signs up a new person with a new workspace (as its admin) and returns their browser.
export async function signUp(opts: { name?: string; email?: string; workspace?: string } = {}): Promise<Browser> {
  const email = opts.email ?? uniqueEmail()
  const res = await formPost('/signup', { name: opts.name ?? 'Test Person', email, password: PASSWORD, workspace: opts.workspace ?? 'Test Workspace' })
  if (res.status !== 303) throw new Error(`sign-up failed with ${res.status}: ${await res.text()}`)
  return browserFor(sessionCookieFrom(res), email)
}

// Signs in from an address of its own unless the test names one, so sign-ins made by unrelated
// tests never share a throttle bucket.
export async function logIn(email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Browser> {
  const res = await formPost('/login', { email, password }, { 'CF-Connecting-IP': uniqueIp(), ...headers })
  if (res.status !== 303) throw new Error(`login failed with ${res.status}`)
  return browserFor(sessionCookieFrom(res), email)
}

// The link we emailed to `to` (read from the outbox, as the recipient would from their inbox).
export async function linkFromEmail(to: string, pathPrefix: string): Promise<string> {
  const rows = await testDb().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.createdAt)).limit(1)
  const match = rows[0]?.text.match(new RegExp(`https?://[^\\s]*(${pathPrefix}[^\\s]+)`))
  if (!match?.[1]) throw new Error(`no ${pathPrefix} link in the email to ${to}`)
  return match[1]
}

// An admin invites a new person with a role; they accept by setting a password. Returns their browser.
export async function addMember(admin: Browser, role: Role, name = `A ${role}`): Promise<Browser> {
  const email = uniqueEmail(role)
  const res = await admin.post('/settings/users/invitations', { email, role })
  if (res.status !== 303) throw new Error(`invite failed with ${res.status}`)
  const link = await linkFromEmail(email, '/invitations/')
  const accepted = await formPost(link, { name, password: PASSWORD })
  if (accepted.status !== 303) throw new Error(`accepting the invitation failed with ${accepted.status}`)
  return browserFor(sessionCookieFrom(accepted), email)
}

// A client address of its own (CF-Connecting-IP), so per-address login throttling in one test
// (the LOGIN_LIMITER binding, 20 a minute, and recorded failures) never spills into another.
// Requests without the header all share the address "unknown", and with it one throttle bucket.
let ipCounter = 0
export function uniqueIp(): string {
  const [a, b] = crypto.getRandomValues(new Uint16Array(2))
  return `2001:db8:${(a ?? 0).toString(16)}:${(b ?? 0).toString(16)}::${(++ipCounter).toString(16)}`
}

// The value of a `name=value` cookie pair, as the browser stores it (the session token).
export const cookieValue = (cookie: string): string => cookie.slice(cookie.indexOf('=') + 1)

// What a person sees on a re-rendered form: the message under a field, and the value kept in it.
export function fieldError(html: string, name: string): string | null {
  return new RegExp(`<p class="field-error" id="f-${name}-error">([^<]*)</p>`).exec(html)?.[1] ?? null
}

export function inputValue(html: string, name: string): string | null {
  const input = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0]
  if (!input) return null
  return /\bvalue="([^"]*)"/.exec(input)?.[1] ?? null
}

// Who a signed-in browser acts as right now: the API reads the same session as the pages.
export type Me = { userId: string; name: string; email: string; role: Role; workspace: { id: string; name: string } }

export async function me(browser: Browser): Promise<Me> {
  const res = await browser.get('/api/v1/me')
  if (res.status !== 200) throw new Error(`GET /api/v1/me failed with ${res.status}`)
  return (await res.json()) as Me
}

// A request as an API client: `Authorization: Bearer`, JSON body, no cookie.
export function withToken(token: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const json: Record<string, string> = init.body === undefined ? {} : { 'Content-Type': 'application/json' }
  return request(path, { method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.stringify(init.body), headers: { Authorization: `Bearer ${token}`, ...json, ...init.headers }, redirect: 'manual' })
}

// A personal API token, created from the browser's session through the API (read and write
// unless scopes are given).
export async function createToken(browser: Browser, name = 'Test token', more: { scopes?: string[]; expiresInDays?: number | null } = {}): Promise<{ id: string; name: string; token: string }> {
  const res = await browser.json('POST', '/api/v1/tokens', { name, ...more })
  if (res.status !== 201) throw new Error(`creating a token failed with ${res.status}: ${await res.text()}`)
  return (await res.json()) as { id: string; name: string; token: string }
}
