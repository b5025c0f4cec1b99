import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sessions } from '../../src/db/schema'
import { SESSION_IDLE_MS } from '../../src/domain/access/session-policy'
import { request, testDb } from '../helpers/app'
import { PASSWORD, type Browser, cookieValue, fieldError, formPost, logIn, signUp, uniqueIp } from '../helpers/auth'

const NEW_PASSWORD = 'cobalt-thistle-harbor-58'
const signIn = (email: string, password: string) => formPost('/login', { email, password }, { 'CF-Connecting-IP': uniqueIp() })
const secondBrowser = (browser: Browser) => logIn(browser.email, PASSWORD, { 'CF-Connecting-IP': uniqueIp() })

describe('GET /settings/account', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const res = await request('/settings/account', { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fsettings%2Faccount')
  })

  it('shows who is signed in, and that no other session exists', async () => {
    const browser = await signUp({ name: 'Grace Hopper' })
    const html = await (await browser.get('/settings/account')).text()
    expect(html).toContain('Grace Hopper')
    expect(html).toContain(browser.email)
    expect(html).toContain('You are not signed in anywhere else.')
    expect(html).not.toContain('Sign out other sessions')
  })
})

describe('POST /settings/account/password', () => {
  it('refuses a wrong current password with 422 and keeps the old password', async () => {
    const browser = await signUp()
    const res = await browser.post('/settings/account/password', { currentPassword: 'not-my-password-77', password: NEW_PASSWORD })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'currentPassword')).toBe('That is not your current password.')
    expect(html).not.toContain(NEW_PASSWORD)
    expect((await signIn(browser.email, NEW_PASSWORD)).status).toBe(401)
    expect((await signIn(browser.email, PASSWORD)).status).toBe(303)
  })

  it.each([
    ['7 characters', 'zq8-vkp', 'Use at least 8 characters.'],
    ['a common password', 'password123', 'This password is too common. Choose one that is harder to guess.'],
  ])('refuses a new password of %s with 422', async (_, password, message) => {
    const browser = await signUp()
    const res = await browser.post('/settings/account/password', { currentPassword: PASSWORD, password })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'password')).toBe(message)
    expect((await signIn(browser.email, PASSWORD)).status).toBe(303)
  })

  it('changes the password, confirms it and offers to sign out the other sessions', async () => {
    const browser = await signUp()
    await secondBrowser(browser)
    const res = await browser.post('/settings/account/password', { currentPassword: PASSWORD, password: NEW_PASSWORD })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/settings/account?changed=1')

    const page = await browser.get('/settings/account?changed=1')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Your password has been changed.')
    expect(html).toContain('You are signed in on 1 other device or browser.')
    expect(html).toContain('<form method="post" action="/settings/account/sessions/revoke-others">')
    expect(html).toContain('Sign out other sessions')

    expect((await signIn(browser.email, PASSWORD)).status).toBe(401)
    expect((await signIn(browser.email, NEW_PASSWORD)).status).toBe(303)
  })

  it('is refused to a session that has ended', async () => {
    const browser = await signUp()
    await browser.post('/logout', {})
    const res = await browser.post('/settings/account/password', { currentPassword: PASSWORD, password: NEW_PASSWORD })
    expect(res.status).toBe(401)
    expect((await signIn(browser.email, PASSWORD)).status).toBe(303)
  })
})

describe('POST /settings/account/sessions/revoke-others', () => {
  it('signs out every other session and keeps this one', async () => {
    const browser = await signUp()
    const [laptop, phone] = [await secondBrowser(browser), await secondBrowser(browser)]
    expect(await (await browser.get('/settings/account')).text()).toContain('You are signed in on 2 other devices or browsers.')

    const res = await browser.post('/settings/account/sessions/revoke-others', {})
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/settings/account')

    for (const other of [laptop, phone]) {
      const home = await other.get('/')
      expect(home.status).toBe(303)
      expect(home.headers.get('location')).toMatch(/^\/login/)
    }
    const page = await browser.get('/settings/account')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('You are not signed in anywhere else.')
  })

  it('does not count a session that has already timed out as signed in elsewhere', async () => {
    const browser = await signUp()
    const stale = await secondBrowser(browser)
    const staleHash = createHash('sha256').update(cookieValue(stale.cookie)).digest('hex')
    await testDb().update(sessions).set({ lastSeenAt: sql`now() - make_interval(secs => ${SESSION_IDLE_MS / 1000 + 60})` }).where(eq(sessions.tokenHash, staleHash))
    expect((await stale.get('/')).status).toBe(303)
    expect(await (await browser.get('/settings/account')).text()).toContain('You are not signed in anywhere else.')
  })

  it('leaves other people alone', async () => {
    const browser = await signUp()
    const stranger = await signUp()
    await browser.post('/settings/account/sessions/revoke-others', {})
    expect((await stranger.get('/')).status).toBe(200)
  })
})
