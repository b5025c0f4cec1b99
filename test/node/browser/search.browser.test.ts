import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../harness/chromium.ts'
import { sharedDevServer } from '../harness/shared-dev-server.ts'

// The header search box in a real browser: htmx 4 active search (debounced, one request for a
// burst of typing), the grouped dropdown, and ↑/↓/Enter from the keyboard.
describe.skipIf(chromiumMissing)('global search in a real browser (wrangler dev + chromium)', () => {
  const stack = sharedDevServer()
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const ids: Record<string, string> = {}

  const box = () => page.getByRole('combobox', { name: 'Search records' })
  const options = () => page.locator('#header-search-results [role="option"]')
  const searches: string[] = []

  // Records made through the JSON API with the page's own session, as the app's pages would.
  const create = (path: string, body: Record<string, unknown>) =>
    page.evaluate(
      async ([p, b]) => {
        const res = await fetch(`/api/v1${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })
        if (res.status !== 201) throw new Error(`${p}: ${res.status} ${await res.text()}`)
        return ((await res.json()) as { id: string }).id
      },
      [path, body] as const,
    )

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    // CSP violations and script errors surface as console errors: any of them fails the run.
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
    page.on('pageerror', (err) => problems.push(err.message))
    page.on('request', (r) => r.headers()['hx-request'] === 'true' && new URL(r.url()).pathname === '/search' && searches.push(new URL(r.url()).searchParams.get('q') ?? ''))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('signs up and adds a few records', async () => {
    await page.goto(stack.url + '/signup')
    await page.getByLabel('Your name').fill('Sasha Searcher')
    await page.getByLabel('Work email').fill(`search-${Date.now()}@example.test`)
    await page.getByLabel('Password').fill('plum-harbour-velvet-42')
    await page.getByLabel('Workspace name').fill('Search Co')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(stack.url + '/')
    ids.marie = await create('/contacts', { firstName: 'Marie', lastName: 'Curie', email: 'marie@curie.example' })
    ids.pierre = await create('/contacts', { firstName: 'Pierre', lastName: 'Curie' })
    ids.institute = await create('/accounts', { name: 'Curie Institute', domain: 'curie.example' })
  })

  it('fetches grouped results once the typing pauses, forgiving a typo', async () => {
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/search' && r.request().headers()['hx-request'] === 'true')
    await box().click()
    await page.keyboard.type('curei', { delay: 40 })
    expect((await answered).status()).toBe(200)
    await expect.poll(() => options().count(), { timeout: 10_000 }).toBe(3)
    // One request for the whole word, not one per key.
    expect(searches).toEqual(['curei'])
    expect(await page.locator('#header-search-results [role="group"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')))).toEqual(['Contacts', 'Accounts'])
    expect(await box().getAttribute('aria-expanded')).toBe('true')
    // A typo is corrected: the results are the Curies, with nothing typed to mark.
    expect(await options().allTextContents()).toEqual([expect.stringContaining('Curie'), expect.stringContaining('Curie'), expect.stringContaining('Curie Institute')])
  })

  it('marks the matched text when the words are typed as they are', async () => {
    await box().fill('')
    await page.keyboard.type('curie', { delay: 40 })
    await expect.poll(() => page.locator('#header-search-results mark').count(), { timeout: 10_000 }).toBeGreaterThan(2)
    expect(await page.locator('#header-search-results mark').first().textContent()).toBe('Curie')
  })

  it('moves through the options with ↑/↓ and opens the chosen one with Enter', async () => {
    await page.keyboard.press('ArrowDown')
    expect(await options().nth(0).getAttribute('aria-selected')).toBe('true')
    expect(await box().getAttribute('aria-activedescendant')).toBe('search-option-0')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await options().nth(2).getAttribute('aria-selected')).toBe('true')
    expect(await options().nth(0).getAttribute('aria-selected')).toBe('false')
    await page.keyboard.press('ArrowDown')
    expect(await box().getAttribute('aria-activedescendant')).toBe('search-option-0')
    await page.keyboard.press('ArrowUp')
    expect(await box().getAttribute('aria-activedescendant')).toBe('search-option-2')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${stack.url}/accounts/${ids.institute}`)
    expect(await page.locator('h1').textContent()).toBe('Curie Institute')
  })

  it('opens the full results page on Enter with nothing chosen, and closes the dropdown on Escape', async () => {
    await box().click()
    await page.keyboard.type('marie', { delay: 40 })
    await expect.poll(() => options().count(), { timeout: 10_000 }).toBe(1)
    await page.keyboard.press('Escape')
    expect(await options().count()).toBe(0)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${stack.url}/search?q=marie`)
    expect(await page.locator('h1').textContent()).toBe('Search')
    expect(await page.locator(`.search-hits a[href="/contacts/${ids.marie}"]`).textContent()).toContain('Marie Curie')
    expect(problems).toEqual([])
  })
})
