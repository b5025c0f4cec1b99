import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevStack } from '../../../tools/dev/stack.ts'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { startTestDevServer } from '../harness/dev-server.ts'

describe.skipIf(chromiumMissing)('the app shell in a real browser (wrangler dev + chromium)', () => {
  let stack: DevStack
  let browser: Browser
  let page: Page
  const problems: string[] = []

  beforeAll(async () => {
    ;[stack, browser] = await Promise.all([startTestDevServer(), launchChromium()])
    page = await browser.newPage()
    // CSP violations and script errors surface as console errors: any of them fails the test.
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
    page.on('pageerror', (err) => problems.push(err.message))
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('loads the shell with htmx 4 active', async () => {
    const res = await page.goto(stack.url + '/')
    expect(res?.status()).toBe(200)
    expect(await page.title()).toBe('Home · Edge CRM')
    await page.waitForFunction(() => 'htmx' in window)
    expect(await page.evaluate(() => (window as unknown as { htmx: { version: string } }).htmx.version)).toMatch(/^4\./)
  })

  it('swaps the status fragment in on load, then again on click', async () => {
    const card = page.locator('#system-status')
    await expect.poll(() => card.getAttribute('class'), { timeout: 10_000 }).toBe('card')
    await expect.poll(() => card.locator('dd[data-state]').textContent()).toBe('Connected')
    const firstCheck = await card.locator('dd:last-of-type time').getAttribute('datetime')

    const swapped = page.waitForResponse((r) => r.url().endsWith('/status') && r.request().headers()['hx-request'] === 'true')
    await page.getByRole('button', { name: /Check again/ }).click()
    await swapped
    await expect.poll(() => page.locator('#system-status dd:last-of-type time').getAttribute('datetime')).not.toBe(firstCheck)
    expect(await page.locator('#system-status').count()).toBe(1)
  })

  it('raised no console or CSP errors', () => {
    expect(problems).toEqual([])
  })
})
