import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// The new-lead form's inline duplicate warning in a real browser: htmx 4 asks once the typing
// pauses (only for the email, phone and name inputs), and the answer lands in the live region
// under the email input; saving the duplicate goes to the existing lead with a note.
describe.skipIf(chromiumMissing)('the inline duplicate warning in a real browser (wrangler dev + chromium)', () => {
  const stack = sharedDevServer()
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const checks: string[] = []
  let leadId = ''

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
    page.on('pageerror', (err) => problems.push(err.message))
    page.on('request', (r) => new URL(r.url()).pathname === '/leads/duplicates/check' && checks.push(new URL(r.url()).search))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('signs up and adds a lead', async () => {
    await page.goto(stack.url + '/signup')
    await page.getByLabel('Your name').fill('Dana Dedupe')
    await page.getByLabel('Work email').fill(`dedupe-${Date.now()}@example.test`)
    await page.getByLabel('Password').fill('plum-harbour-velvet-42')
    await page.getByLabel('Workspace name').fill('Dedupe Co')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(stack.url + '/')
    leadId = await page.evaluate(async () => {
      const res = await fetch('/api/v1/leads', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@engines.example' }) })
      return ((await res.json()) as { id: string }).id
    })
  })

  it('warns under the email input once the typing pauses, with a link to the lead', async () => {
    await page.goto(stack.url + '/leads/new')
    await page.getByLabel('Job title').fill('Countess')
    await page.getByLabel('Email').click()
    await page.keyboard.type('ADA@engines.example', { delay: 30 })
    const warning = page.locator('#duplicate-warning')
    await expect.poll(() => warning.textContent(), { timeout: 10_000 }).toContain('Possible duplicate: Ada Lovelace (same email)')
    expect(await warning.locator('a').getAttribute('href')).toBe(`/leads/${leadId}`)
    // Typing in the title asked nothing; the email, once, after the pause.
    expect(checks).toHaveLength(1)
    expect(checks[0]).toContain('email=ADA%40engines.example')
  })

  it('goes to the existing lead with a note when the form is saved anyway', async () => {
    await page.getByRole('button', { name: 'Create lead' }).click()
    await page.waitForURL(`${stack.url}/leads/${leadId}?flash=lead-exists-email`)
    expect(await page.getByText('A lead with this email already exists — we added the new details to it.').count()).toBe(1)
    expect(problems).toEqual([])
  })
})
