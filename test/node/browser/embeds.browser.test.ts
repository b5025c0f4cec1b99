import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// A marketing site on another origin (another localhost port, and "localhost" where the CRM is
// 127.0.0.1) pastes each of the form page's three snippets, as copied from the page itself, and a
// visitor submits through each: every submission arrives as a lead.
describe.skipIf(chromiumMissing)('form embeds on another origin (wrangler dev + chromium + a static site)', () => {
  const crm = sharedDevServer()
  let browser: Browser
  let admin: Page
  let visitor: BrowserContext
  let site: Server
  let siteOrigin = ''
  const pages: Record<string, string> = {}
  const problems: string[] = []

  beforeAll(async () => {
    site = createServer((req, res) => {
      const body = pages[req.url ?? '']
      res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(body ?? 'not found')
    })
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`
    browser = await launchChromium()
    admin = await browser.newPage()
    visitor = await browser.newContext()
    admin.on('pageerror', (err) => problems.push(err.message))
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => site?.close(resolve))
  })

  it('builds a form allowed on the site and copies its three snippets', async () => {
    await admin.goto(crm.url + '/signup')
    await admin.getByLabel('Your name').fill('Mara Marketer')
    await admin.getByLabel('Work email').fill(`embeds-${Date.now()}@example.test`)
    await admin.getByLabel('Password').fill('plum-harbour-velvet-42')
    await admin.getByLabel('Workspace name').fill('Embeds Co')
    await admin.getByRole('button', { name: 'Create workspace' }).click()
    await admin.waitForURL(crm.url + '/')
    const id = await admin.evaluate(async (origin) => {
      const res = await fetch('/api/v1/forms', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: 'Contact us',
          fields: [
            { name: 'name', label: 'Your name', type: 'text', required: true, maps: 'firstName' },
            { name: 'email', label: 'Work email', type: 'email', required: true, maps: 'email' },
          ],
          allowedOrigins: [origin],
          thankYouMessage: 'Thanks, we will be in touch.',
          minFillSeconds: 1,
        }),
      })
      if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`)
      return ((await res.json()) as { id: string }).id
    }, siteOrigin)
    await admin.goto(`${crm.url}/forms/${id}`)
    for (const kind of ['html', 'script', 'iframe']) {
      const snippet = await admin.locator(`#embed-${kind}`).inputValue()
      expect(snippet).toContain(crm.url)
      pages[`/${kind}.html`] = `<!doctype html><html><head><title>Acme site</title></head><body><h1>Talk to us</h1>${snippet}</body></html>`
    }
  })

  async function arrived(email: string): Promise<void> {
    await expect
      .poll(async () => admin.evaluate(async () => ((await (await fetch('/api/v1/leads?limit=50')).json()) as { data: { email: string }[] }).data.map((l) => l.email)), { timeout: 10_000 })
      .toContain(email)
  }

  it('takes a submission from the plain HTML form, which needs no JavaScript', async () => {
    const page = await visitor.newPage()
    await page.goto(`${siteOrigin}/html.html`)
    await page.getByLabel('Your name').fill('Hana Html')
    await page.getByLabel('Work email').fill('hana@plain.example')
    // The fill time is measured from a signed timestamp only the script and the frame carry.
    await page.getByRole('button', { name: /submit|send/i }).click()
    await page.waitForURL(`${crm.url}/**`)
    await page.getByText('Thanks, we will be in touch.').waitFor()
    await arrived('hana@plain.example')
  })

  it('takes a submission from the script embed, without leaving the page', async () => {
    const page = await visitor.newPage()
    const errors: string[] = []
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()))
    await page.goto(`${siteOrigin}/script.html`)
    await page.getByLabel('Your name').fill('Sam Script')
    await page.getByLabel('Work email').fill('sam@script.example')
    await page.waitForTimeout(1100)
    await page.getByRole('button', { name: /submit|send/i }).click()
    await page.getByText('Thanks, we will be in touch.').waitFor()
    expect(page.url()).toBe(`${siteOrigin}/script.html`)
    expect(errors).toEqual([])
    await arrived('sam@script.example')
  })

  it('takes a submission from the frame, which the site is allowed to show', async () => {
    const page = await visitor.newPage()
    await page.goto(`${siteOrigin}/iframe.html`)
    const frame = page.frameLocator('iframe')
    await frame.getByLabel('Your name').fill('Ivy Iframe')
    await frame.getByLabel('Work email').fill('ivy@frame.example')
    await page.waitForTimeout(1100)
    await frame.getByRole('button', { name: /submit|send/i }).click()
    await frame.getByText('Thanks, we will be in touch.').waitFor()
    await arrived('ivy@frame.example')
  })

  it('raised no script errors on the CRM pages', () => {
    expect(problems).toEqual([])
  })
})
