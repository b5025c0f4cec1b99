import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// A day with one record, in a real browser against `wrangler dev`: the htmx parts of a record
// page (the lazy history, the inline status select, the quick actions, and the history and notes
// refreshing themselves on the server's HX-Trigger) and the list's filter bar with its pushed
// URL. The steps share one page and one account, so they run in order.
describe.skipIf(chromiumMissing)('a record page and its list in a real browser (wrangler dev + chromium)', () => {
  const stack = sharedDevServer()
  let browser: Browser
  let page: Page
  const problems: string[] = []
  // Full document loads of the main frame; an htmx swap must not add to them.
  let documentLoads = 0
  let accountUrl = ''
  const accountName = 'Lumen Harbour Ltd'
  const otherName = 'Quiet Prospect Co'
  const noteText = `Called the buyer; renewal looks likely (${Date.now()}).`

  const history = () => page.locator('.record-timeline')
  const notes = () => page.locator('#record-notes')
  const results = () => page.locator('#record-list')
  // A select inside its <label> takes its options into its accessible name ("StatusAnyProspect…").
  const statusFilter = () => page.locator('form.filters').getByLabel(/^Status/)
  const isHtmx = (method: string, path: RegExp) => (r: { url(): string; request(): { method(): string; headers(): Record<string, string> } }) =>
    r.request().method() === method && path.test(new URL(r.url()).pathname) && r.request().headers()['hx-request'] === 'true'
  // A global set by the test survives only as long as the document does.
  const setMarker = (value: string) => page.evaluate((v) => void ((window as unknown as { __marker?: string }).__marker = v), value)
  const marker = () => page.evaluate(() => (window as unknown as { __marker?: string }).__marker)

  async function createAccount(name: string) {
    await page.goto(stack.url + '/accounts/new')
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/)
    expect(await page.locator('h1').textContent()).toBe(name)
  }

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    // CSP violations and script errors surface as console errors: any of them fails the run.
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
    page.on('pageerror', (err) => problems.push(err.message))
    page.on('load', () => documentLoads++)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('signs up a fresh workspace', async () => {
    await page.goto(stack.url + '/signup')
    await page.getByLabel('Your name').fill('Rae Recorder')
    await page.getByLabel('Work email').fill(`record-day-${Date.now()}@example.test`)
    await page.getByLabel('Password').fill('plum-harbour-velvet-42')
    await page.getByLabel('Workspace name').fill('Record Day Co')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(stack.url + '/')
  })

  it('creates an account from the form and lands on its page, whose history loads lazily', async () => {
    // The document itself carries only the placeholder; the history arrives in an htmx request.
    const [doc, timeline] = await Promise.all([
      page.waitForResponse((r) => r.request().resourceType() === 'document' && /\/accounts\/[0-9a-f-]{36}$/.test(r.url())),
      page.waitForResponse(isHtmx('GET', /^\/accounts\/[0-9a-f-]{36}\/timeline$/)),
      createAccount(accountName),
    ])
    accountUrl = page.url()
    const html = await doc.text()
    expect(html).toContain(`hx-get="${new URL(accountUrl).pathname}/timeline"`)
    expect(html).not.toContain(`created ${accountName}`)
    expect(timeline.status()).toBe(200)
    await expect.poll(() => history().textContent(), { timeout: 10_000 }).toContain(`Rae Recorder created ${accountName}`)
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('prospect')
  })

  it('changes the status in place, and the history refreshes itself', async () => {
    await setMarker('status')
    const loadsBefore = documentLoads
    // The history reloads only because the answer says so (HX-Trigger: timeline-changed on body).
    const [answer, refreshed] = await Promise.all([
      page.waitForResponse(isHtmx('POST', /^\/accounts\/[0-9a-f-]{36}\/status$/)),
      page.waitForResponse(isHtmx('GET', /^\/accounts\/[0-9a-f-]{36}\/timeline$/)),
      page.getByLabel('Status', { exact: true }).selectOption('customer'),
    ])
    expect(answer.status()).toBe(200)
    expect(JSON.parse((await answer.headerValue('hx-trigger')) ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })
    expect(refreshed.status()).toBe(200)

    await expect.poll(() => history().textContent(), { timeout: 10_000 }).toContain('Rae Recorder changed Status from Prospect to Customer')
    expect(await history().textContent()).toContain(`created ${accountName}`)
    // The swapped-in control shows the new value, and the page never reloaded.
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('customer')
    expect(page.url()).toBe(accountUrl)
    expect(await marker()).toBe('status')
    expect(documentLoads).toBe(loadsBefore)
  })

  it('adds a note from the quick actions; the notes list and the history show it without a reload', async () => {
    await setMarker('note')
    const loadsBefore = documentLoads
    await expect.poll(() => notes().textContent(), { timeout: 10_000 }).toContain('No notes yet.')
    const panel = page.locator('#quick-actions')
    await panel.getByLabel('Note', { exact: true }).fill(noteText)
    const [answer] = await Promise.all([page.waitForResponse(isHtmx('POST', /^\/notes$/)), panel.getByRole('button', { name: 'Add note' }).click()])
    expect(answer.status()).toBe(200)
    expect(JSON.parse((await answer.headerValue('hx-trigger')) ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })

    // The panel comes back fresh, with a confirmation and an empty note field.
    await expect.poll(() => page.locator('#quick-actions [role="status"]').textContent(), { timeout: 10_000 }).toBe('Note added.')
    expect(await page.locator('#quick-actions').getByLabel('Note', { exact: true }).inputValue()).toBe('')
    await expect.poll(() => notes().locator('li.note').first().textContent(), { timeout: 10_000 }).toContain(noteText)
    await expect.poll(() => history().textContent(), { timeout: 10_000 }).toContain('Rae Recorder added a note')
    expect(await history().locator('li[data-event-type="note_added"] blockquote').textContent()).toContain('Called the buyer')
    expect(page.url()).toBe(accountUrl)
    expect(await marker()).toBe('note')
    expect(documentLoads).toBe(loadsBefore)
  })

  it('filters the account list in place, with the filter in the URL, and keeps it on reload', async () => {
    // A second account, still a prospect, for the filter to leave out.
    await createAccount(otherName)
    await page.goto(stack.url + '/accounts')
    await expect.poll(() => results().locator('.list-count').textContent()).toBe('2 accounts')
    expect(await results().textContent()).toContain(otherName)

    await setMarker('filter')
    const loadsBefore = documentLoads
    const [answer] = await Promise.all([page.waitForResponse(isHtmx('GET', /^\/accounts$/)), statusFilter().selectOption('customer')])
    expect(answer.status()).toBe(200)
    expect(new URL(answer.url()).searchParams.get('status')).toBe('customer')

    await expect.poll(() => results().locator('.list-count').textContent(), { timeout: 10_000 }).toBe('1 account')
    expect(await results().textContent()).toContain(accountName)
    expect(await results().textContent()).not.toContain(otherName)
    // hx-push-url: the address bar holds the filter, and the page was not reloaded to get there.
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('customer')
    expect(new URL(page.url()).pathname).toBe('/accounts')
    expect(await marker()).toBe('filter')
    expect(documentLoads).toBe(loadsBefore)

    await page.reload()
    expect(documentLoads).toBe(loadsBefore + 1)
    expect(await marker()).toBeUndefined()
    expect(new URL(page.url()).searchParams.get('status')).toBe('customer')
    expect(await statusFilter().inputValue()).toBe('customer')
    expect(await results().locator('.list-count').textContent()).toBe('1 account')
    expect(await results().textContent()).toContain(accountName)
    expect(await results().textContent()).not.toContain(otherName)
  })

  it('raised no console or CSP errors', () => {
    expect(problems).toEqual([])
  })
})
