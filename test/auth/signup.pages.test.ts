import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sessions, tenants, users } from '../../src/db/schema'
import { request, testDb } from '../helpers/app'
import { PASSWORD, browserFor, cookieValue, fieldError, formPost, inputValue, sessionCookieFrom, signUp, uniqueEmail } from '../helpers/auth'

const db = testDb()

const form = (overrides: Record<string, string> = {}) => ({ name: 'Ada Lovelace', email: uniqueEmail('signup'), password: PASSWORD, workspace: 'Analytical Engines', ...overrides })
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const usersWithEmail = async (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email))

describe('GET /signup', () => {
  it('shows the sign-up form', async () => {
    const res = await request('/signup')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<form method="post" action="/signup"')
    for (const name of ['name', 'email', 'password', 'workspace']) expect(html).toContain(`name="${name}"`)
  })
})

describe('POST /signup', () => {
  it('creates the workspace and its admin, signs them in and lands on the home page', async () => {
    const values = form()
    const res = await formPost('/signup', values)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')

    const [setCookie] = res.headers.getSetCookie()
    expect(setCookie).toMatch(/^crm_session=[A-Za-z0-9_-]{43};/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).toContain('Path=/')
    expect(setCookie).not.toMatch(/Domain=/i)

    const browser = browserFor(sessionCookieFrom(res), values.email)
    const home = await browser.get('/')
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Analytical Engines')

    const me = await browser.json('GET', '/api/v1/me')
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ name: 'Ada Lovelace', email: values.email, role: 'admin', workspace: { name: 'Analytical Engines' } })
  })

  it('over https sets a Secure __Host- cookie that signs the browser in', async () => {
    const values = form()
    const res = await request('https://localhost/signup', {
      method: 'POST',
      body: new URLSearchParams(values),
      headers: { Origin: 'https://localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    const [setCookie = ''] = res.headers.getSetCookie()
    expect(setCookie).toMatch(/^__Host-crm_session=[A-Za-z0-9_-]{43};/)
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']) expect(setCookie).toContain(attribute)
    expect(setCookie).not.toMatch(/Domain=/i)

    const me = await request('https://localhost/api/v1/me', { headers: { Cookie: setCookie.split(';')[0] ?? '' } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ email: values.email, role: 'admin' })
  })

  it('stores only the SHA-256 of the session token, never the token itself', async () => {
    const browser = await signUp()
    const token = cookieValue(browser.cookie)
    expect(token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url

    const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.tokenHash, sha256(token)))
    expect(rows).toHaveLength(1)
    const leaked = await db.execute<{ n: number }>(sql`select count(*)::int as n from sessions s where strpos(row_to_json(s)::text, ${token}) > 0`)
    expect(Number(leaked.rows[0]?.n)).toBe(0)
  })

  it.each([
    ['8', 'zq8-vkpx'],
    ['128', 'k'.repeat(120) + '-zq8vkpx'],
  ])('accepts a password of exactly %s characters', async (length, password) => {
    expect(password).toHaveLength(Number(length))
    expect((await formPost('/signup', form({ password }))).status).toBe(303)
  })
})

describe('POST /signup with bad input', () => {
  // Each case comes back as the form with 422, the message under the field, and what the person
  // typed in every field except the password.
  async function rejected(values: Record<string, string>) {
    const res = await formPost('/signup', values)
    expect(res.status).toBe(422)
    expect(res.headers.getSetCookie()).toEqual([])
    const html = await res.text()
    expect(html).toContain('<form method="post" action="/signup"')
    if (values.password) expect(html).not.toContain(values.password)
    return html
  }

  it('names every missing field and keeps nothing it should not', async () => {
    const html = await rejected({})
    expect(fieldError(html, 'name')).toBe('Enter your name.')
    expect(fieldError(html, 'email')).toBe('Enter your email address.')
    expect(fieldError(html, 'password')).toBe('Enter a password.')
    expect(fieldError(html, 'workspace')).toBe('Enter a workspace name.')
  })

  it('names blank fields too', async () => {
    const html = await rejected({ name: '  ', email: '', password: '', workspace: '' })
    for (const field of ['name', 'email', 'password', 'workspace']) expect(fieldError(html, field), field).not.toBeNull()
  })

  it('rejects a malformed email, keeping the other values', async () => {
    const values = form({ email: 'ada-at-example.test' })
    const html = await rejected(values)
    expect(fieldError(html, 'email')).toBe('Enter a valid email address, like name@example.com.')
    expect(inputValue(html, 'name')).toBe('Ada Lovelace')
    expect(inputValue(html, 'email')).toBe('ada-at-example.test')
    expect(inputValue(html, 'workspace')).toBe('Analytical Engines')
    expect(inputValue(html, 'password')).toBeNull()
  })

  it.each([
    ['7 characters', 'zq8-vkp', 'Use at least 8 characters.'],
    ['129 characters', 'k'.repeat(121) + '-zq8vkpx', 'Use at most 128 characters.'],
  ])('rejects a password of %s', async (_, password, message) => {
    const values = form({ password })
    const html = await rejected(values)
    expect(fieldError(html, 'password')).toBe(message)
    expect(inputValue(html, 'email')).toBe(values.email)
    expect(await usersWithEmail(values.email)).toHaveLength(0)
  })

  it('rejects a common password', async () => {
    const listed = await db.execute(sql`select 1 from common_passwords where password = 'password123'`)
    expect(listed.rows).toHaveLength(1)
    const values = form({ password: 'password123' })
    const html = await rejected(values)
    expect(fieldError(html, 'password')).toBe('This password is too common. Choose one that is harder to guess.')
    expect(inputValue(html, 'name')).toBe('Ada Lovelace')
    expect(await usersWithEmail(values.email)).toHaveLength(0)
  })

  it('rejects an email already in use, whatever its case and surrounding spaces, and creates nothing', async () => {
    const email = uniqueEmail('taken')
    await signUp({ email })
    const workspace = `Second try ${email}`
    const shouted = ` ${email.replace(/^[a-z]/, (ch) => ch.toUpperCase()).replace('example.test', 'Example.TEST')} `
    const html = await rejected(form({ email: shouted, workspace }))
    expect(fieldError(html, 'email')).toMatch(/already exists/)
    expect(inputValue(html, 'workspace')).toBe(workspace)
    expect(await db.select().from(tenants).where(eq(tenants.name, workspace))).toHaveLength(0)
  })

  it.each([
    ['role', 'admin'],
    ['tenantId', '00000000-0000-4000-8000-000000000000'],
  ])('refuses the unknown field %s by name', async (field, value) => {
    const values = form({ [field]: value })
    const html = await rejected(values)
    expect(html).toContain(`${field} is not a field you can set.`)
    expect(await usersWithEmail(values.email)).toHaveLength(0)
  })

  it('refuses a cross-site form post before creating anything', async () => {
    const values = form()
    const res = await formPost('/signup', values, { Origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(await usersWithEmail(values.email)).toHaveLength(0)
  })
})
