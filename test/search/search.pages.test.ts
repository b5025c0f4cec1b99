import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { created, setVisibility } from '../helpers/records'

const htmx = { 'HX-Request': 'true' }
const page = async (res: Response) => {
  expect(res.status).toBe(200)
  return res.text()
}

describe('search pages', () => {
  it('puts an active-search box in the header of every signed-in page', async () => {
    const admin = await signUp()
    const html = await page(await admin.get('/contacts'))
    const box = /<input[^>]*id="header-search-input"[^>]*>/.exec(html)?.[0] ?? ''
    expect(box).toContain('hx-get="/search"')
    expect(box).toContain('hx-trigger="input changed delay:200ms"')
    expect(box).toContain('hx-target="#header-search-results"')
    expect(box).toContain('role="combobox"')
    // Without JavaScript the box is a plain GET form to the results page.
    expect(html).toMatch(/<form class="header-search" method="get" action="\/search" role="search">/)
    expect(html).toContain('<label for="header-search-input" class="visually-hidden">Search records</label>')
    expect(await (await request('/signup')).text()).not.toContain('header-search-input')
  })

  it('answers the header box with a grouped listbox of links, matches marked', async () => {
    const admin = await signUp()
    const ada = await created<{ id: string }>(admin, '/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example' })
    const engines = await created<{ id: string }>(admin, '/accounts', { name: 'Analytical Engines', domain: 'analytical.example' })
    const res = await admin.get('/search?q=analyt', htmx)
    expect(res.headers.get('vary')).toContain('HX-Request')
    const html = await page(res)
    expect(html).not.toContain('<html')
    expect(html).toContain('role="listbox"')
    expect(html).toMatch(/<ul role="group" aria-label="Contacts">.*<ul role="group" aria-label="Accounts">/s)
    expect(html).toContain(`<li role="option" id="search-option-0" aria-selected="false"><a href="/contacts/${ada.id}" tabindex="-1">`)
    expect(html).toContain(`id="search-option-1" aria-selected="false"><a href="/accounts/${engines.id}"`)
    expect(html).toContain('<mark>Analyt</mark>ical Engines')
    expect(html).toContain('ada@<mark>analyt</mark>ical.example')
    expect(html).toContain('href="/search?q=analyt"')

    expect(await page(await admin.get('/search?q=zzqx', htmx))).toContain('No records match “zzqx”.')
    expect(await page(await admin.get('/search?q=', htmx))).toBe('')
  })

  it('shows the full results page with Records and Notes tabs, and no JavaScript needed', async () => {
    const admin = await signUp()
    const acme = await created<{ id: string }>(admin, '/accounts', { name: 'Acme Corp' })
    await created(admin, '/notes', { body: 'Acme wants the premium tier before the quarter ends.', relatedType: 'account', relatedId: acme.id })

    const records = await page(await admin.get('/search?q=acme'))
    expect(records).toContain('<title>Search: acme · Edge CRM</title>')
    expect(records).toMatch(/<input id="search-q" type="search" name="q" value="acme"/)
    expect(records).toContain('<a href="/search?q=acme" aria-current="page">Records</a>')
    expect(records).toContain('<a href="/search?q=acme&amp;tab=notes">Notes</a>')
    expect(records).toContain('<h2 id="search-group-account">Accounts</h2>')
    expect(records).toContain(`<a href="/accounts/${acme.id}"><span class="search-hit-title"><mark>Acme</mark> Corp</span>`)
    expect(records).not.toContain('premium tier')

    const notes = await page(await admin.get('/search?q=premium&tab=notes'))
    expect(notes).toContain('<a href="/search?q=premium&amp;tab=notes" aria-current="page">Notes</a>')
    expect(notes).toContain('<input type="hidden" name="tab" value="notes"/>')
    expect(notes).toContain(`<a href="/accounts/${acme.id}"><span class="search-hit-title">Account: Acme Corp</span>`)
    expect(notes).toContain('Acme wants the <mark>premium</mark> tier')
    expect(await page(await admin.get('/search?q=nothinglikethis&tab=notes'))).toContain('No notes match “nothinglikethis”.')

    const empty = await page(await admin.get('/search'))
    expect(empty).toContain('<h1>Search</h1>')
    expect(empty).not.toContain('search-tabs')
  })

  it('keeps markup in data as text, highlighted or not', async () => {
    const admin = await signUp()
    await created(admin, '/accounts', { name: '<b>Bold</b> & <script>x</script> Ltd' })
    for (const html of [await page(await admin.get('/search?q=bold')), await page(await admin.get('/search?q=bold', htmx))]) {
      expect(html).toContain('&lt;b&gt;<mark>Bold</mark>&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt; Ltd')
      expect(html).not.toContain('<b>Bold')
      expect(html).not.toContain('<script>x')
    }
    // The query itself is echoed escaped too.
    const echoed = await page(await admin.get(`/search?q=${encodeURIComponent('<img src=x>')}`, htmx))
    expect(echoed).toContain('No records match “&lt;img src=x&gt;”.')
  })

  it('applies the same visibility as the API: a rep in "own" mode sees only their records', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    await created(admin, '/contacts', { firstName: 'Visible', lastName: 'ToAdmin' })
    await created(rep, '/contacts', { firstName: 'Visible', lastName: 'ToRep' })
    await setVisibility((await me(admin)).workspace.id, 'own')
    const html = await page(await rep.get('/search?q=visible'))
    expect(html).toContain('ToRep')
    expect(html).not.toContain('ToAdmin')
  })

  it('sends a signed-out visitor to sign in, and rejects an over-long query', async () => {
    const res = await request('/search?q=acme', { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fsearch%3Fq%3Dacme')
    const admin = await signUp()
    expect((await admin.get(`/search?q=${'x'.repeat(201)}`)).status).toBe(422)
  })
})
