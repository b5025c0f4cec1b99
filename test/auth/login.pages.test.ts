import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { loginFailures, memberships, sessions, users } from '../../src/db/schema'
import { SESSION_IDLE_MS } from '../../src/domain/access/session-policy'
import { testDb, testEnv } from '../helpers/app'
import { ORIGIN, PASSWORD, addMember, type Browser, cookieValue, formPost, inputValue, logIn, signUp, uniqueEmail, uniqueIp } from '../helpers/auth'

const db = testDb()

const WRONG = 'Email or password is incorrect.'
const tokenHashOf = (browser: Browser) => createHash('sha256').update(cookieValue(browser.cookie)).digest('hex')
const attempt = (email: string, password: string, ip: string, extra: Record<string, string> = {}) => formPost('/login', { email, password, ...extra }, { 'CF-Connecting-IP': ip })

// Signed in means the app lets this browser in: the home page and the API both answer it.
async function expectSignedIn(browser: Browser) {
  expect((await browser.get('/')).status).toBe(200)
  expect((await browser.json('GET', '/api/v1/me')).status).toBe(200)
}

async function expectSignedOut(browser: Browser) {
  const home = await browser.get('/')
  expect(home.status).toBe(303)
  expect(home.headers.get('location')).toBe('/login?next=%2F')
  expect((await browser.json('GET', '/api/v1/me')).status).toBe(401)
}

describe('POST /login', () => {
  it('signs in with the right password, with a new session token every time', async () => {
    const { email } = await signUp()
    const ip = uniqueIp()
    const first = await logIn(email, PASSWORD, { 'CF-Connecting-IP': ip })
    const second = await logIn(email, PASSWORD, { 'CF-Connecting-IP': ip })
    expect(first.cookie).not.toBe(second.cookie)
    await expectSignedIn(first)
    await expectSignedIn(second)
  })

  it('treats the email case-insensitively', async () => {
    const { email } = await signUp()
    await expectSignedIn(await logIn(` ${email.toUpperCase()} `, PASSWORD, { 'CF-Connecting-IP': uniqueIp() }))
  })

  it('refuses a wrong password with 401 and a generic message, keeping the email', async () => {
    const { email } = await signUp()
    const res = await attempt(email, 'not-my-password-77', uniqueIp())
    expect(res.status).toBe(401)
    expect(res.headers.getSetCookie()).toEqual([])
    const html = await res.text()
    expect(html).toContain(WRONG)
    expect(inputValue(html, 'email')).toBe(email)
    expect(html).not.toContain('not-my-password-77')
  })

  it('answers an unknown email exactly as it answers a wrong password', async () => {
    const { email } = await signUp()
    const unknown = uniqueEmail('nobody')
    const known = await attempt(email, 'not-my-password-77', uniqueIp())
    const missing = await attempt(unknown, 'not-my-password-77', uniqueIp())
    expect(missing.status).toBe(known.status)
    expect(missing.headers.getSetCookie()).toEqual([])
    expect((await missing.text()).replaceAll(unknown, 'EMAIL')).toBe((await known.text()).replaceAll(email, 'EMAIL'))
  })

  it.each([
    ['a relative path', '/settings/account?tab=1', '/settings/account?tab=1'],
    ['a protocol-relative URL', '//evil.example', '/'],
    ['an absolute URL', 'https://evil.example', '/'],
    ['a backslash trick', '/\\evil.example', '/'],
  ])('after sign-in follows next only when it is %s', async (_, next, location) => {
    const { email } = await signUp()
    const res = await attempt(email, PASSWORD, uniqueIp(), { next })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(location)
  })
})

describe('POST /logout', () => {
  it('ends the session on the server, so the old cookie no longer works', async () => {
    const browser = await signUp()
    const other = await logIn(browser.email, PASSWORD, { 'CF-Connecting-IP': uniqueIp() })
    const res = await browser.post('/logout', {})
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?flash=signed-out')
    expect(res.headers.getSetCookie().join()).toMatch(/crm_session=;.*Max-Age=0/)
    await expectSignedOut(browser) // replaying the old cookie
    await expectSignedIn(other) // only this browser was signed out
  })

  it('is not reachable by GET, so a link or image cannot sign anyone out', async () => {
    const browser = await signUp()
    expect((await browser.get('/logout')).status).toBe(404)
    await expectSignedIn(browser)
  })
})

describe('session lifetime', () => {
  // Ages the browser's session row by database time, as if that long had passed.
  const updateSession = (browser: Browser, values: PgUpdateSetSource<typeof sessions>) => db.update(sessions).set(values).where(eq(sessions.tokenHash, tokenHashOf(browser)))
  const ago = (ms: number) => sql`now() - make_interval(secs => ${ms / 1000})`

  it('keeps a session seen just within the idle timeout, and restarts its idle clock', async () => {
    const browser = await signUp()
    await updateSession(browser, { lastSeenAt: ago(SESSION_IDLE_MS - 60_000) })
    await expectSignedIn(browser)
    // The last-seen time is written after the response; once it is, the session has a full idle
    // timeout ahead of it again.
    const idleSeconds = async () => {
      const [row] = await db.select({ s: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8` }).from(sessions).where(eq(sessions.tokenHash, tokenHashOf(browser)))
      return Number(row?.s)
    }
    await expect.poll(idleSeconds, { timeout: 5000 }).toBeLessThan(60)
  })

  it('signs out a session idle for longer than the idle timeout', async () => {
    const browser = await signUp()
    await updateSession(browser, { lastSeenAt: ago(SESSION_IDLE_MS + 60_000) })
    await expectSignedOut(browser)
  })

  it('signs out a session past its absolute expiry, however active', async () => {
    const browser = await signUp()
    await updateSession(browser, { lastSeenAt: sql`now()`, expiresAt: ago(1000) })
    await expectSignedOut(browser)
  })

  it('signs out a member whose membership an admin deactivates, and keeps them out', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    await expectSignedIn(rep)
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, rep.email))
    expect((await admin.post(`/settings/users/${row?.id}/deactivate`, {})).status).toBe(303)
    await expectSignedOut(rep)
    expect((await attempt(rep.email, PASSWORD, uniqueIp())).status).toBe(401)
  })

  it('does not honour a session whose membership is deactivated, even if the session was not revoked', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, rep.email))
    await db.update(memberships).set({ deactivatedAt: sql`now()` }).where(eq(memberships.userId, row?.id ?? ''))
    await expectSignedOut(rep)
  })
})

describe('sign-in throttling', () => {
  const secondsToWait = (res: Response) => Number(res.headers.get('retry-after'))

  it('after 5 wrong passwords from one address, refuses even the right one with 429 and Retry-After', async () => {
    const { email } = await signUp()
    const ip = uniqueIp()
    for (let i = 0; i < 5; i++) expect((await attempt(email, `wrong-guess-${i}`, ip)).status).toBe(401)
    const res = await attempt(email, PASSWORD, ip)
    expect(res.status).toBe(429)
    expect(res.headers.getSetCookie()).toEqual([])
    expect(secondsToWait(res)).toBeGreaterThan(0)
    expect(secondsToWait(res)).toBeLessThanOrEqual(900)
    expect(await res.text()).toContain('Too many sign-in attempts')
  })

  it('still lets the real user in from another address', async () => {
    const { email } = await signUp()
    const attacker = uniqueIp()
    for (let i = 0; i < 6; i++) await attempt(email, `wrong-guess-${i}`, attacker)
    expect((await attempt(email, PASSWORD, attacker)).status).toBe(429)
    await expectSignedIn(await logIn(email, PASSWORD, { 'CF-Connecting-IP': uniqueIp() }))
  })

  it('forgives an address its failures for the account once it signs in', async () => {
    const { email } = await signUp()
    const ip = uniqueIp()
    for (let i = 0; i < 4; i++) expect((await attempt(email, `typo-${i}`, ip)).status).toBe(401)
    expect((await attempt(email, PASSWORD, ip)).status).toBe(303)
    // Without the reset these would be failures 5 to 8, and the sign-in after them a 429.
    for (let i = 0; i < 4; i++) expect((await attempt(email, `typo-again-${i}`, ip)).status).toBe(401)
    expect((await attempt(email, PASSWORD, ip)).status).toBe(303)
  })

  // The LOGIN_LIMITER binding (wrangler.toml: 20 a minute per address), enforced by miniflare in
  // tests. Its windows are aligned to the clock minute, so a run that straddles a minute boundary
  // is repeated once with a fresh address.
  it('refuses the 21st attempt within a minute from one address, whatever the accounts', async () => {
    const { email } = await signUp()
    const minute = () => Math.floor(Date.now() / 60_000)
    for (let round = 0; round < 2; round++) {
      const ip = uniqueIp()
      const start = minute()
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) statuses.push((await attempt(uniqueEmail('sprayed'), 'Winter2026!', ip)).status)
      const last = await attempt(email, PASSWORD, ip)
      if (minute() !== start) continue
      expect(statuses).toEqual(Array(20).fill(401))
      expect(last.status).toBe(429)
      expect(secondsToWait(last)).toBeGreaterThan(0)
      expect(secondsToWait(last)).toBeLessThanOrEqual(60)
      // Another address is not affected.
      expect((await attempt(email, PASSWORD, uniqueIp())).status).toBe(303)
      return
    }
    throw new Error('two rounds straddled a minute boundary')
  })

  it('without the binding, still caps an address by its recorded failures (50 in the window)', async () => {
    const { email } = await signUp()
    const ip = uniqueIp()
    await db.insert(loginFailures).values(Array.from({ length: 50 }, () => ({ email: uniqueEmail('sprayed'), ip })))
    const withoutBinding = { ...testEnv, LOGIN_LIMITER: undefined }
    const res = await createApp().request('/login', { method: 'POST', body: new URLSearchParams({ email, password: PASSWORD }), headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': ip } }, withoutBinding)
    expect(res.status).toBe(429)
    // The wait runs to the end of the 15-minute failure window, not the binding's minute.
    expect(secondsToWait(res)).toBeGreaterThan(60)
    expect(secondsToWait(res)).toBeLessThanOrEqual(900)
    expect((await attempt(email, PASSWORD, uniqueIp())).status).toBe(303)
  })
})
