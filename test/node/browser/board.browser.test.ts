import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// The pipeline board in a real browser against `wrangler dev`: a deal dragged to another column
// is in that stage after a reload, and the card's stage picker (the keyboard path) works too.
describe.skipIf(chromiumMissing)('pipeline board in a real browser (wrangler dev + chromium)', () => {
  const stack = sharedDevServer()
  let browser: Browser
  let page: Page
  const problems: string[] = []

  const column = (stage: string) => page.locator('section.board-column', { has: page.getByRole('heading', { name: stage, exact: true }) })
  const card = (name: string) => page.locator('li.board-card', { hasText: name })

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    // CSP violations and script errors surface as console errors: any of them fails the run.
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
    page.on('pageerror', (err) => problems.push(err.message))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('signs up and creates a deal, which starts in the first stage', async () => {
    await page.goto(stack.url + '/signup')
    await page.getByLabel('Your name').fill('Dee Dragger')
    await page.getByLabel('Work email').fill(`board-${Date.now()}@example.test`)
    await page.getByLabel('Password').fill('plum-harbour-velvet-42')
    await page.getByLabel('Workspace name').fill('Board Co')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(stack.url + '/')

    await page.goto(stack.url + '/opportunities/new')
    await page.getByLabel('Name').fill('Drag me deal')
    await page.getByLabel('Amount').fill('4200')
    await page.getByRole('button', { name: 'Create opportunity' }).click()
    await page.waitForURL(/\/opportunities\/[0-9a-f-]{36}$/)
    expect(await page.locator('h1').textContent()).toBe('Drag me deal')
    // The history loads after the page, through htmx.
    await expect.poll(() => page.locator('.record-timeline').textContent(), { timeout: 10_000 }).toContain('created Drag me deal')

    await page.goto(stack.url + '/opportunities/board')
    await expect.poll(() => column('Qualification').locator('li.board-card').count()).toBe(1)
    expect(await column('Qualification').textContent()).toContain('$4,200.00')
  })

  it('drags the card to another column, and it stays there after a reload', async () => {
    await page.waitForFunction(() => document.querySelector('script[src="/js/board.js"]') !== null)
    const moved = page.waitForResponse((r) => r.url().endsWith('/stage') && r.request().method() === 'POST')
    await card('Drag me deal').dragTo(column('Proposal').locator('ol.board-cards'))
    expect((await moved).status()).toBe(200)
    // The swapped-in columns carry the new counts and totals.
    await expect.poll(() => column('Proposal').locator('.board-count').textContent()).toBe('1')
    expect(await column('Proposal').locator('[data-total="weighted"]').textContent()).toBe('$2,100.00')

    await page.reload()
    expect(await column('Proposal').textContent()).toContain('Drag me deal')
    expect(await column('Qualification').locator('li.board-card').count()).toBe(0)
  })

  it("moves the card with its stage picker, the keyboard path", async () => {
    await card('Drag me deal').getByLabel('Move Drag me deal to stage').selectOption({ label: 'Negotiation' })
    await card('Drag me deal').getByRole('button', { name: 'Move' }).press('Enter')
    await page.waitForURL(/\/opportunities\/board\?pipeline=/)
    expect(await column('Negotiation').textContent()).toContain('Drag me deal')
  })

  it('raised no console or CSP errors', () => {
    expect(problems).toEqual([])
  })
})
