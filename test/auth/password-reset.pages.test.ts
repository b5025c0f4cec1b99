import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { outbox, passwordResets } from '../../src/db/schema'
import { request, testDb } from '../helpers/app'
import { PASSWORD, type Browser, fieldError, formPost, linkFromEmail, logIn, signUp, uniqueEmail, uniqueIp } from '../helpers/auth'

const db = testDb()

const NEW_PASSWORD = 'quartz-lantern-meadow-19'
const mailTo = (email: string) => db.select().from(outbox).where(eq(outbox.toAddress, email))
const forgot = (email: string) => formPost('/password/forgot', { email })
const signIn = (email: string, password: string) => formPost('/login', { email, password }, { 'CF-Connecting-IP': uniqueIp() })

// Someone with an account who asked for a reset link, and the link from their inbox.
async function requestedReset(): Promise<{ browser: Browser; link: string }> {
  const browser = await signUp()
  expect((await forgot(browser.email)).status).toBe(303)
  return { browser, link: await linkFromEmail(browser.email, '/password/reset/') }
}

const tokenHashOf = (link: string) => createHash('sha256').update(link.split('/').pop() ?? '').digest('hex')

describe('POST /password/forgot', () => {
  it('answers a known and an unknown email the same way, and mails only the known one', async () => {
    const { email } = await signUp()
    const unknown = uniqueEmail('nobody')
    const [known, missing] = [await forgot(email), await forgot(unknown)]
    expect(known.status).toBe(303)
    expect(missing.status).toBe(303)
    expect(known.headers.get('location')).toBe('/login?flash=reset-sent')
    expect(missing.headers.get('location')).toBe(known.headers.get('location'))
    expect(await mailTo(email)).toHaveLength(1)
    expect(await mailTo(unknown)).toHaveLength(0)
    const notice = await request('/login?flash=reset-sent')
    expect(await notice.text()).toContain('If an account exists for that email, a reset link is on its way.')
  })

  it('finds the account whatever the case of the email typed', async () => {
    const { email } = await signUp()
    expect((await forgot(email.toUpperCase())).status).toBe(303)
    expect(await linkFromEmail(email, '/password/reset/')).toMatch(/^\/password\/reset\/[A-Za-z0-9_-]{43}$/)
  })
})

describe('GET /password/reset/:token', () => {
  it('shows the form for a fresh link, without leaking the link in Referer headers', async () => {
    const { browser, link } = await requestedReset()
    const res = await request(link)
    expect(res.status).toBe(200)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain(`<form method="post" action="${link}"`)
    expect(html).toContain(browser.email)
  })

  it('shows a "link no longer works" page with 404 for an unknown token', async () => {
    const res = await request('/password/reset/not-a-real-token')
    expect(res.status).toBe(404)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await res.text()).toContain('This link no longer works')
  })

  it('refuses an expired link', async () => {
    const { link } = await requestedReset()
    await db.update(passwordResets).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(passwordResets.tokenHash, tokenHashOf(link)))
    const res = await request(link)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('This link no longer works')
    expect((await formPost(link, { password: NEW_PASSWORD })).status).toBe(404)
  })
})

describe('POST /password/reset/:token', () => {
  it.each([
    ['7 characters', 'zq8-vkp', 'Use at least 8 characters.'],
    ['a common password', 'password123', 'This password is too common. Choose one that is harder to guess.'],
  ])('refuses %s with 422 and leaves the old password working', async (_, password, message) => {
    const { browser, link } = await requestedReset()
    const res = await formPost(link, { password })
    expect(res.status).toBe(422)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(fieldError(html, 'password')).toBe(message)
    expect(html).not.toContain(`value="${password}"`)
    expect((await signIn(browser.email, PASSWORD)).status).toBe(303)
    // A failed attempt does not use up the link.
    expect((await request(link)).status).toBe(200)
  })

  it('sets the new password, retires the old one and signs out every session', async () => {
    const { browser, link } = await requestedReset()
    const elsewhere = await logIn(browser.email, PASSWORD, { 'CF-Connecting-IP': uniqueIp() })
    const res = await formPost(link, { password: NEW_PASSWORD })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?flash=password-reset')

    expect((await signIn(browser.email, PASSWORD)).status).toBe(401)
    expect((await signIn(browser.email, NEW_PASSWORD)).status).toBe(303)
    for (const old of [browser, elsewhere]) {
      const home = await old.get('/')
      expect(home.status).toBe(303)
      expect(home.headers.get('location')).toMatch(/^\/login/)
    }
  })

  it('works once: the same link is dead afterwards', async () => {
    const { browser, link } = await requestedReset()
    expect((await formPost(link, { password: NEW_PASSWORD })).status).toBe(303)
    const again = await request(link)
    expect(again.status).toBe(404)
    expect(await again.text()).toContain('This link no longer works')
    const reuse = await formPost(link, { password: 'another-fresh-secret-83' })
    expect(reuse.status).toBe(404)
    expect(reuse.headers.get('referrer-policy')).toBe('no-referrer')
    expect((await signIn(browser.email, 'another-fresh-secret-83')).status).toBe(401)
    expect((await signIn(browser.email, NEW_PASSWORD)).status).toBe(303)
  })

  it('retires every other outstanding link once the password is changed', async () => {
    const { browser, link: first } = await requestedReset()
    expect((await forgot(browser.email)).status).toBe(303)
    const second = await linkFromEmail(browser.email, '/password/reset/')
    expect(second).not.toBe(first)
    expect((await formPost(second, { password: NEW_PASSWORD })).status).toBe(303)
    expect((await request(first)).status).toBe(404)
    expect((await formPost(first, { password: 'another-fresh-secret-83' })).status).toBe(404)
  })

  it('retires outstanding links when the password is changed from account settings', async () => {
    const { browser, link } = await requestedReset()
    const changed = await browser.post('/settings/account/password', { currentPassword: PASSWORD, password: NEW_PASSWORD })
    expect(changed.status).toBe(303)
    expect((await request(link)).status).toBe(404)
  })

  it('refuses an unknown field by name instead of ignoring it', async () => {
    const { link } = await requestedReset()
    const res = await formPost(link, { password: NEW_PASSWORD, email: 'someone-else@example.test' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('email is not a field you can set.')
  })
})
