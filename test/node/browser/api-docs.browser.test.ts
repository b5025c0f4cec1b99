import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// /api/docs is where an integrator starts: Swagger UI must render the whole API from our own
// assets under the app's strict CSP, with nothing fetched from anywhere else.
describe.skipIf(chromiumMissing)('the API reference at /api/docs (wrangler dev + chromium)', () => {
  const stack = sharedDevServer()
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const elsewhere: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    // A CSP violation is logged as a console error; so is any script failure.
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
    page.on('pageerror', (err) => problems.push(err.message))
    page.on('request', (req) => new URL(req.url()).origin !== new URL(stack.url).origin && !req.url().startsWith('data:') && elsewhere.push(req.url()))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('renders every operation for a signed-out visitor, without CSP violations or other origins', async () => {
    await page.goto(stack.url + '/api/docs')
    expect(new URL(page.url()).pathname).toBe('/api/docs')
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 })
    const doc = (await (await fetch(stack.url + '/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0)
    expect(await page.locator('.opblock').count()).toBe(operations)
    expect(await page.locator('.opblock-summary-operation-id', { hasText: 'listContacts' }).count()).toBe(1)
    expect(await page.getByRole('button', { name: /Authorize/ }).count()).toBe(1)
    expect(problems).toEqual([])
    expect(elsewhere).toEqual([])
  })

  it('opens an operation with its parameters, envelope and problem+json errors', async () => {
    const op = page.locator('#operations-Contacts-listContacts')
    await op.locator('.opblock-summary-control').click()
    await op.locator('.responses-wrapper').waitFor()
    const text = await op.textContent()
    expect(text).toContain('cursor')
    expect(text).toContain('nextCursor')
    expect(text).toContain('application/problem+json')
    expect(problems).toEqual([])
  })
})
