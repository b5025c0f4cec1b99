import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// One real browser session against `wrangler dev`, walking the journeys a newcomer takes. The
// steps share state (the account made in the first is used by the next), so they run in order.
describe.skipIf(chromiumMissing)('Edge CRM in a real browser (wrangler dev + chromium)', () => {
  const stack = sharedDevServer()
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const email = `founder-${Date.now()}@example.test`
  const password = 'plum-harbour-velvet-42'
  const invitee = `colleague-${Date.now()}@example.test`

  const watch = (p: Page) => {
    // CSP violations and script errors surface as console errors: any of them fails the run.
    // Chromium also logs every 4xx document as an error; the 422 of the sign-up step is deliberate.
    p.on('console', (msg) => msg.type() === 'error' && !/status of 422/.test(msg.text()) && problems.push(msg.text()))
    p.on('pageerror', (err) => problems.push(err.message))
  }

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    watch(page)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('sends a signed-out visitor to sign in, with htmx 4 loaded', async () => {
    await page.goto(stack.url + '/')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.waitForFunction(() => 'htmx' in window)
    expect(await page.evaluate(() => (window as unknown as { htmx: { version: string } }).htmx.version)).toMatch(/^4\./)
  })

  it('signs up, showing field errors first and keeping what was typed', async () => {
    await page.getByRole('link', { name: 'Create a workspace' }).click()
    await page.getByLabel('Your name').fill('Fran Founder')
    await page.getByLabel('Work email').fill(email)
    await page.getByLabel('Password').fill('short')
    await page.getByLabel('Workspace name').fill('Founders Inc')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect.poll(() => page.locator('#f-password-error').textContent()).toContain('at least 8')
    expect(await page.getByLabel('Work email').inputValue()).toBe(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(stack.url + '/')
    expect(await page.locator('h1').textContent()).toBe('Welcome, Fran Founder')
  })

  it('swaps the status fragment in with htmx, on load and on click', async () => {
    const card = page.locator('#system-status')
    await expect.poll(() => card.getAttribute('class'), { timeout: 10_000 }).toBe('card')
    expect(await card.locator('dd[data-state]').textContent()).toBe('Connected')
    const first = await card.locator('dd:last-of-type time').getAttribute('datetime')
    const swapped = page.waitForResponse((r) => r.url().endsWith('/status') && r.request().headers()['hx-request'] === 'true')
    await page.getByRole('button', { name: /Check again/ }).click()
    await swapped
    await expect.poll(() => page.locator('#system-status dd:last-of-type time').getAttribute('datetime')).not.toBe(first)
  })

  it('signs out and back in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login\?flash=signed-out$/)
    expect(await page.locator('.flash').textContent()).toContain('signed out')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(stack.url + '/')
    expect(await page.locator('.workspace-switcher').textContent()).toContain('Founders Inc')
  })

  it('invites a colleague, who joins from the emailed link', async () => {
    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByLabel('Email').fill(invitee)
    await page.getByLabel('Role', { exact: true }).selectOption('manager')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await expect.poll(() => page.locator('.flash-success').textContent()).toContain(invitee)
    expect(await page.locator('.plain-list').textContent()).toContain(invitee)

    // The colleague reads the email (the local mailbox) in their own browser.
    const colleague = await browser.newPage()
    watch(colleague)
    await colleague.goto(stack.url + '/dev/mail')
    await colleague.getByRole('link', { name: /invited you to Founders Inc/ }).first().click()
    const link = await colleague.locator('a[href*="/invitations/"]').first().getAttribute('href')
    expect(link).toBeTruthy()
    await colleague.goto(link ?? '')
    await colleague.getByLabel('Your name').fill('Casey Colleague')
    await colleague.getByLabel('Choose a password').fill('another-long-secret-9')
    await colleague.getByRole('button', { name: 'Join workspace' }).click()
    await colleague.waitForURL(stack.url + '/')
    expect(await colleague.locator('h1').textContent()).toBe('Welcome, Casey Colleague')
    // A manager, not an admin: no Users page in their navigation.
    expect(await colleague.getByRole('link', { name: 'Users' }).count()).toBe(0)
    await colleague.close()

    await page.reload()
    expect(await page.locator('tbody').textContent()).toContain('Casey Colleague')
  })

  it('raised no console or CSP errors', () => {
    expect(problems).toEqual([])
  })
})
