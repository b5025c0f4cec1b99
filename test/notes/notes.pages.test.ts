import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { created, eventsOf } from '../helpers/records'
import { newAccount } from '../tasks/fixtures'

type Note = { id: string; relatedId: string }
const htmx = { 'HX-Request': 'true' }
const errorOf = (html: string, id: string) => new RegExp(`<p class="field-error" id="f-${id}-error">([^<]*)</p>`).exec(html)?.[1] ?? null
const textareaValue = (html: string, id: string) => new RegExp(`<textarea id="f-${id}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? null

describe('notes from a record page', () => {
  it('adds a note with htmx: the panel comes back fresh and the page is told to reload its history', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const res = await admin.post('/notes', { body: 'Call went well', relatedType: 'account', relatedId: acme.id }, htmx)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.headers.get('hx-trigger') ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })
    const panel = await res.text()
    expect(panel.startsWith('<section id="quick-actions"')).toBe(true)
    expect(panel).toContain('Note added.')
    expect(textareaValue(panel, 'body-note')).toBe('')
    expect(panel).toContain(`name="relatedId" value="${acme.id}"`)
    const events = await eventsOf((await me(admin)).workspace.id, acme.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'note_added'])
  })

  it('without JS, returns to the record page; a 422 keeps the typed note and the way back', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const ok = await admin.post('/notes', { body: 'Plain post', relatedType: 'account', relatedId: acme.id })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(`/accounts/${acme.id}`)

    const tooLong = 'x'.repeat(10_001)
    const bad = await admin.post('/notes', { body: tooLong, relatedType: 'account', relatedId: acme.id })
    expect(bad.status).toBe(422)
    const page = await bad.text()
    expect(page).toContain('<html')
    expect(errorOf(page, 'body-note')).toContain('at most')
    expect(textareaValue(page, 'body-note')).toBe(tooLong)
    expect(page).toContain(`href="/accounts/${acme.id}"`)

    const fragment = await admin.post('/notes', { body: '  ', relatedType: 'account', relatedId: acme.id }, htmx)
    expect(fragment.status).toBe(422)
    const panel = await fragment.text()
    expect(panel.startsWith('<section id="quick-actions"')).toBe(true)
    expect(errorOf(panel, 'body-note')).toBeTruthy()
  })

  it("refuses another workspace's record as a field error, and unknown fields by name", async () => {
    const admin = await signUp()
    const theirs = await newAccount(await signUp(), 'Theirs')
    const res = await admin.post('/notes', { body: 'Sneaky', relatedType: 'account', relatedId: theirs.id }, htmx)
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('No such record in this workspace.')
    const extra = await admin.post('/notes', { body: 'x', relatedType: 'account', relatedId: theirs.id, createdBy: 'me' }, htmx)
    expect(await extra.text()).toContain('createdBy is not a field you can set.')
  })

  it('lists the notes of a record as a fragment, escaped, with links clickable, paged in place', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    for (const body of ['First', 'Second <script>alert(1)</script>', 'Third, see https://example.com/deck.']) await created(admin, '/notes', { body, relatedType: 'account', relatedId: acme.id })
    const res = await admin.get(`/notes?relatedType=account&relatedId=${acme.id}&limit=2`, htmx)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.startsWith('<ol class="timeline entries">')).toBe(true)
    expect(html).toContain('<a href="https://example.com/deck" rel="noopener noreferrer nofollow" target="_blank">https://example.com/deck</a>.')
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('First')
    const next = /hx-get="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? ''
    const more = await (await admin.get(next, htmx)).text()
    expect(more.startsWith('<li')).toBe(true)
    expect(more).toContain('First')
    // Without JS the same address is a page.
    expect(await (await admin.get(`/notes?relatedType=account&relatedId=${acme.id}`)).text()).toContain('Notes on Acme Corp')
  })

  it('lets the author edit a note, keeping the text on a 422; others may not', async () => {
    const admin = await signUp()
    const manager = await addMember(admin, 'manager')
    const acme = await newAccount(admin)
    const note = await created<Note>(admin, '/notes', { body: 'Original', relatedType: 'account', relatedId: acme.id })
    expect(await (await admin.get(`/notes/${note.id}/edit`)).text()).toContain('Original</textarea>')
    const bad = await admin.post(`/notes/${note.id}`, { body: ' ' })
    expect(bad.status).toBe(422)
    expect(errorOf(await bad.text(), 'body')).toBeTruthy()
    const good = await admin.post(`/notes/${note.id}`, { body: 'Revised' })
    expect(good.headers.get('location')).toBe(`/accounts/${acme.id}`)
    expect((await manager.get(`/notes/${note.id}/edit`)).status).toBe(403)
    expect((await manager.post(`/notes/${note.id}`, { body: 'Mine' })).status).toBe(403)
    const archived = await manager.post(`/notes/${note.id}/archive`, {})
    expect(archived.headers.get('location')).toBe(`/accounts/${acme.id}`)
    expect(await (await admin.get(`/notes?relatedType=account&relatedId=${acme.id}`, htmx)).text()).toContain('No notes yet.')
  })

  it("gives 404 for another workspace's note or record in the UI", async () => {
    const admin = await signUp()
    const other = await signUp()
    const theirs = await created<Note>(other, '/notes', { body: 'Private', relatedType: 'account', relatedId: (await newAccount(other)).id })
    expect((await admin.get(`/notes/${theirs.id}/edit`)).status).toBe(404)
    expect((await admin.post(`/notes/${theirs.id}`, { body: 'Mine' })).status).toBe(404)
    expect((await admin.post(`/notes/${theirs.id}/archive`, {})).status).toBe(404)
    expect((await admin.get(`/notes?relatedType=account&relatedId=${theirs.relatedId}`, htmx)).status).toBe(404)
  })
})
