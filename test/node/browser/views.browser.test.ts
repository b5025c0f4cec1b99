import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// Saved views in a real browser against `wrangler dev`: a filter chosen in the bar (an htmx swap)
// is what "Save as view" saves, the new view opens with its count in the sidebar, and a name left
// empty comes back in place with its error.
describe.skipIf(chromiumMissing)('saving a list as a view in a real browser (wrangler dev + chromium)', () => {
  const stack = sharedDevServer()
  let browser: Browser
  let page: Page
  const problems: string[] = []

  const sidebar = () => page.locator('nav.views-sidebar')
  const saveForm = () => page.locator('#save-view')

  async function createAccount(name: string, status: string) {
    await page.goto(stack.url + '/accounts/new')
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.locator('#f-status').selectOption(status)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/)
  }

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
    page.on('pageerror', (err) => problems.push(err.message))
    await page.goto(stack.url + '/signup')
    await page.getByLabel('Your name').fill('Vera Views')
    await page.getByLabel('Work email').fill(`views-${Date.now()}@example.test`)
    await page.getByLabel('Password').fill('plum-harbour-velvet-42')
    await page.getByLabel('Workspace name').fill('Views in a browser')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(stack.url + '/')
    await createAccount('Loyal Customer Co', 'customer')
    await createAccount('Curious Prospect Ltd', 'prospect')
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('saves the filters chosen in place, and opens the new view with its count', async () => {
    await page.goto(stack.url + '/accounts')
    await expect.poll(() => sidebar().textContent()).toContain('Inactive customers')
    const [answer] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/accounts' && r.request().headers()['hx-request'] === 'true'), page.locator('form.filters').getByLabel(/^Status/).selectOption('prospect')])
    expect(answer.status()).toBe(200)
    // The save form came along with the results, carrying the filter just chosen.
    await expect.poll(() => saveForm().locator('input[name="status"]').getAttribute('value')).toBe('prospect')

    await saveForm().locator('summary').click()
    await saveForm().getByLabel('View name').fill('Prospects to call')
    await saveForm().getByRole('button', { name: 'Save view' }).click()
    await page.waitForURL(/\/accounts\?view=[0-9a-f-]{36}$/)
    expect(await page.locator('nav.views-sidebar a[aria-current="page"]').textContent()).toBe('Prospects to call')
    expect(await sidebar().textContent()).toMatch(/Prospects to call\s*1 account(?!s)/)
    expect(await page.locator('#record-list').textContent()).toContain('Curious Prospect Ltd')
    expect(await page.locator('#record-list').textContent()).not.toContain('Loyal Customer Co')
  })

  it('keeps an empty name in place with its error, without leaving the list', async () => {
    const url = page.url()
    await saveForm().locator('summary').click()
    const [answer] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/views'), saveForm().getByRole('button', { name: 'Save view' }).click()])
    expect(answer.status()).toBe(422)
    await expect.poll(() => saveForm().locator('.field-error').first().textContent()).toBe('Give the view a name.')
    expect(page.url()).toBe(url)
  })

  it('raised no console or CSP errors', () => {
    // Chromium logs every 4xx response; the 422 above is the one this test asked for.
    expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([])
  })
})
